package io.callrecords.proxy.graph.internal;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.time.Clock;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.callrecords.proxy.graph.CallRecordRequest;
import io.callrecords.proxy.graph.GraphCollection;
import io.callrecords.proxy.graph.GraphException;
import io.callrecords.proxy.graph.GraphPstnCallRow;
import io.callrecords.proxy.graph.GraphPage;
import io.callrecords.proxy.graph.GraphFailure;
import io.callrecords.proxy.graph.GraphProperties;
import io.callrecords.proxy.graph.GraphResilienceProperties;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.callrecords.proxy.graph.PageRequest;
import io.callrecords.proxy.simulator.GraphSimulator;
import io.callrecords.proxy.simulator.RecordFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Graph client on its own against the simulator, without a Spring context.
 */
class WebClientGraphClientTests {

	/**
	 * A simulator of its own: these tests revoke tokens, which must not touch the shared
	 * simulator's, cached by the Spring contexts of the integration tests.
	 */
	private static final GraphSimulator simulator = GraphSimulator.start(0, 0);

	@AfterEach
	void reset() {
		simulator.reset();
	}

	@AfterAll
	static void stopSimulator() {
		simulator.close();
	}

	@Test
	void graphAndEntraAreCalledWithTheServicesNameAndVersionAsUserAgent() {
		client(DataSize.ofMegabytes(1)).getCallRecord(record()).block(Duration.ofSeconds(10));

		assertThat(simulator.graphRequests()).isNotEmpty()
			.allSatisfy((request) -> assertThat(request.getHeader("User-Agent")).isEqualTo("callrecords-proxy/1.2.3"));
		assertThat(simulator.tokenRequests()).isNotEmpty()
			.allSatisfy((request) -> assertThat(request.getHeader("User-Agent")).isEqualTo("callrecords-proxy/1.2.3"));
		assertThat(GraphClientConfiguration.userAgent(null)).isEqualTo("callrecords-proxy/unknown");
	}

	@Test
	void aBodyLargerThanTheConfiguredMaximumIsRefusedAsTooLarge() {
		WebClientGraphClient client = client(DataSize.ofKilobytes(16));

		assertThatExceptionOfType(GraphException.class)
			.isThrownBy(
					() -> client.listParticipants(PageRequest.participants(RecordFactory.BIG_GROUP_CALL, null, "rid"))
						.block(Duration.ofSeconds(10)))
			.satisfies((ex) -> assertThat(ex.failure()).isEqualTo(GraphFailure.RESPONSE_TOO_LARGE));
	}

	@Test
	void aNextLinkToAnotherHostIsNeverFollowedWithTheToken() {
		WireMockServer elsewhere = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		elsewhere.start();
		try {
			elsewhere.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"value\":[]}")));
			simulator.onGraph(get(urlPathMatching(".*/participants_v2")).willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"value\":[],\"@odata.nextLink\":\"" + elsewhere.baseUrl()
						+ "/v1.0/communications/callRecords/" + RecordFactory.BIG_GROUP_CALL + "/participants_v2\"}")));

			assertThatExceptionOfType(GraphException.class)
				.isThrownBy(() -> client(DataSize.ofMegabytes(1))
					.listParticipants(PageRequest.participants(RecordFactory.BIG_GROUP_CALL, null, "rid"))
					.block(Duration.ofSeconds(10)))
				.satisfies((ex) -> assertThat(ex.failure()).isEqualTo(GraphFailure.BAD_RESPONSE));
			assertThat(elsewhere.getAllServeEvents()).isEmpty();
		}
		finally {
			elsewhere.stop();
		}
	}

	@Test
	void thePstnLogIsReadInGraphsPagesOfAThousandRowsThroughItsSkipLinks() {
		WebClientGraphClient client = client(DataSize.ofMegabytes(8));
		PageRequest first = PageRequest.callLog(GraphCollection.PSTN_CALLS,
				new io.callrecords.proxy.graph.CallRecordFilter(java.time.Instant.parse("2026-11-01T00:00:00Z"),
						java.time.Instant.parse("2026-11-30T00:00:00Z"), null),
				"rid");

		GraphPage<GraphPstnCallRow> page = client.listPstnCalls(first).block(Duration.ofSeconds(10));
		GraphPage<GraphPstnCallRow> second = client.listPstnCalls(first.continueAt(page.next()))
			.block(Duration.ofSeconds(10));

		assertThat(page.items()).hasSize(1000);
		assertThat(page.items().get(1).charge()).isEqualByComparingTo("0.024");
		assertThat(page.next().value()).endsWith("?$skip=1000");
		assertThat(second.items()).hasSize(1000);
		assertThat(second.items().get(0).id()).isNotEqualTo(page.items().get(0).id());
	}

	@Test
	void theSimulatorRefusesAPstnRangeOverNinetyDaysAsGraphDoes() {
		WebClientGraphClient client = client(DataSize.ofMegabytes(1));
		PageRequest request = PageRequest.callLog(GraphCollection.PSTN_CALLS,
				new io.callrecords.proxy.graph.CallRecordFilter(java.time.Instant.parse("2026-08-01T00:00:00Z"),
						java.time.Instant.parse("2026-11-01T00:00:00Z"), null),
				"rid");

		assertThatExceptionOfType(GraphException.class)
			.isThrownBy(() -> client.listPstnCalls(request).block(Duration.ofSeconds(10)))
			.satisfies((ex) -> assertThat(ex.upstreamStatus()).isEqualTo(406));
	}

	@Test
	void onlyLinksToTheSameCollectionOnTheConfiguredGraphAreFollowable() {
		WebClientGraphClient client = client(DataSize.ofMegabytes(1));
		String base = simulator.graphBaseUrl();
		String record = "e523d2ed-2966-4b6b-925b-754a88034cc5";

		assertThat(
				client.pageLink(base + "/communications/callRecords?$skiptoken=x", GraphCollection.CALL_RECORDS, null))
			.isNotNull();
		assertThat(client.pageLink(base + "/communications/callRecords/" + record + "/sessions?$skiptoken=x",
				GraphCollection.SESSIONS, record))
			.isNotNull();
		assertThat(client.pageLink(base + "/communications/callRecords/" + record + "/sessions",
				GraphCollection.PARTICIPANTS, record))
			.isNull();
		assertThat(client.pageLink(base.replace("http:", "https:") + "/communications/callRecords",
				GraphCollection.CALL_RECORDS, null))
			.isNull();
		assertThat(client.pageLink(base + "/communications/callRecords#x", GraphCollection.CALL_RECORDS, null))
			.isNull();
		assertThat(client.pageLink("/v1.0/communications/callRecords", GraphCollection.CALL_RECORDS, null)).isNull();
	}

	@Test
	void aCertificateAuthenticatesWithASignedClientAssertionInsteadOfASecret() throws Exception {
		WebClientGraphClient client = client(DataSize.ofMegabytes(1), null, credential("app-certificate.pem"), null);

		assertThat(client.getCallRecord(record()).block(Duration.ofSeconds(10)).id()).isEqualTo(RECORD);
		assertThat(simulator.tokenRequests()).singleElement().satisfies((request) -> {
			assertThat(request.formParameters().get("client_assertion_type").firstValue())
				.isEqualTo(ClientAssertions.JWT_BEARER);
			assertThat(request.formParameters()).doesNotContainKey("client_secret");
		});
	}

	@Test
	void aCertificateEntraDoesNotTrustIsAnAuthFailure() throws Exception {
		WebClientGraphClient client = client(DataSize.ofMegabytes(1), null, credential("untrusted-certificate.pem"),
				null);

		assertThatExceptionOfType(GraphException.class)
			.isThrownBy(() -> client.getCallRecord(record()).block(Duration.ofSeconds(10)))
			.satisfies((ex) -> assertThat(ex.failure()).isEqualTo(GraphFailure.AUTH_FAILED));
		assertThat(simulator.graphRequests()).isEmpty();
	}

	@Test
	void workloadIdentitySendsTheFederatedTokenFromTheFileReadAnewEachTime(@TempDir Path directory) throws Exception {
		Path file = directory.resolve("azure-identity-token");
		String first = simulator.federatedToken(Duration.ofHours(1));
		Files.writeString(file, first);
		WebClientGraphClient client = client(DataSize.ofMegabytes(1), null, null, file);
		client.getCallRecord(record()).block(Duration.ofSeconds(10));
		String rotated = simulator.federatedToken(Duration.ofHours(1));
		Files.writeString(file, rotated);
		simulator.revokeTokens();

		assertThat(client.getCallRecord(record()).block(Duration.ofSeconds(10))).isNotNull();
		assertThat(simulator.tokenRequests())
			.extracting((request) -> request.formParameters().get("client_assertion").firstValue())
			.containsExactlyInAnyOrder(first, rotated);
	}

	@Test
	void anExpiredFederatedTokenIsAnAuthFailure(@TempDir Path directory) throws Exception {
		Path file = directory.resolve("azure-identity-token");
		Files.writeString(file, simulator.federatedToken(Duration.ofMinutes(-1)));

		assertThatExceptionOfType(GraphException.class)
			.isThrownBy(() -> client(DataSize.ofMegabytes(1), null, null, file).getCallRecord(record())
				.block(Duration.ofSeconds(10)))
			.satisfies((ex) -> assertThat(ex.failure()).isEqualTo(GraphFailure.AUTH_FAILED));
	}

	private static final String RECORD = "e523d2ed-2966-4b6b-925b-754a88034cc5";

	private static CallRecordRequest record() {
		return new CallRecordRequest(RECORD, Set.of(), List.of(), 5000, "rid");
	}

	private static Path credential(String name) throws Exception {
		return Path.of(WebClientGraphClientTests.class.getResource("/simulator/credentials/" + name).toURI());
	}

	private static WebClientGraphClient client(DataSize maxResponseSize) {
		return client(maxResponseSize, GraphSimulator.CLIENT_SECRET, null, null);
	}

	private static WebClientGraphClient client(DataSize maxResponseSize, @Nullable String secret,
			@Nullable Path certificate, @Nullable Path federatedToken) {
		GraphProperties properties = new GraphProperties(GraphSimulator.TENANT_ID, GraphSimulator.CLIENT_ID,
				(secret != null) ? new GraphProperties.Secret(secret) : null, certificate, federatedToken,
				URI.create(String.valueOf(simulator.applicationProperties().get("AZURE_AUTHORITY_HOST"))),
				URI.create(simulator.graphBaseUrl()), null, Duration.ofSeconds(2), Duration.ofSeconds(10),
				maxResponseSize);
		GraphResilienceProperties resilience = new GraphResilienceProperties(1, Duration.ofMillis(100),
				Duration.ofMillis(100), Duration.ofSeconds(10), 3);
		GraphClientConfiguration.Resilience instances = new GraphClientConfiguration.Resilience(
				CircuitBreaker.ofDefaults("graph"), Bulkhead.ofDefaults("graph"), unlimited(), unlimited(), unlimited(),
				unlimited(), unlimited(), GraphBudgets.Shares.NONE, new SimpleMeterRegistry(), LocalMode.link(),
				LocalMode.timers());
		return GraphClientConfiguration.create(properties, resilience, instances, WebClient.builder(),
				Clock.systemUTC(), GraphClientConfiguration.userAgent("1.2.3"));
	}

	private static GraphBudgets.Limit unlimited() {
		return new GraphBudgets.Limit(1_000_000, Duration.ofSeconds(1), Duration.ZERO);
	}

}
