package io.callrecords.proxy.graph.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.callrecords.proxy.graph.GraphCollection;
import io.callrecords.proxy.graph.GraphException;
import io.callrecords.proxy.graph.GraphFailure;
import io.callrecords.proxy.graph.GraphProperties;
import io.callrecords.proxy.graph.GraphResilienceProperties;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.callrecords.proxy.graph.PageRequest;
import io.callrecords.proxy.simulator.GraphSimulator;
import io.callrecords.proxy.simulator.RecordFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

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

	private static final GraphSimulator simulator = GraphSimulator.shared();

	@AfterEach
	void reset() {
		simulator.reset();
	}

	@Test
	void aBodyLargerThanTheConfiguredMaximumIsRefusedAsTooLarge() {
		WebClientGraphClient client = client(DataSize.ofKilobytes(16));

		assertThatExceptionOfType(GraphException.class)
			.isThrownBy(() -> client.getPage(PageRequest.participants(RecordFactory.BIG_GROUP_CALL, null, "rid"))
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
					.getPage(PageRequest.participants(RecordFactory.BIG_GROUP_CALL, null, "rid"))
					.block(Duration.ofSeconds(10)))
				.satisfies((ex) -> assertThat(ex.failure()).isEqualTo(GraphFailure.BAD_RESPONSE));
			assertThat(elsewhere.getAllServeEvents()).isEmpty();
		}
		finally {
			elsewhere.stop();
		}
	}

	@Test
	void onlyLinksToTheSameCollectionOnTheConfiguredGraphAreFollowable() {
		WebClientGraphClient client = client(DataSize.ofMegabytes(1));
		String base = simulator.graphBaseUrl();
		String record = "e523d2ed-2966-4b6b-925b-754a88034cc5";

		assertThat(client.isLinkTo(URI.create(base + "/communications/callRecords?$skiptoken=x"),
				GraphCollection.CALL_RECORDS, null))
			.isTrue();
		assertThat(
				client.isLinkTo(URI.create(base + "/communications/callRecords/" + record + "/sessions?$skiptoken=x"),
						GraphCollection.SESSIONS, record))
			.isTrue();
		assertThat(client.isLinkTo(URI.create(base + "/communications/callRecords/" + record + "/sessions"),
				GraphCollection.PARTICIPANTS, record))
			.isFalse();
		assertThat(client.isLinkTo(URI.create(base.replace("http:", "https:") + "/communications/callRecords"),
				GraphCollection.CALL_RECORDS, null))
			.isFalse();
		assertThat(
				client.isLinkTo(URI.create(base + "/communications/callRecords#x"), GraphCollection.CALL_RECORDS, null))
			.isFalse();
		assertThat(client.isLinkTo(URI.create("/v1.0/communications/callRecords"), GraphCollection.CALL_RECORDS, null))
			.isFalse();
	}

	private static WebClientGraphClient client(DataSize maxResponseSize) {
		GraphProperties properties = new GraphProperties(GraphSimulator.TENANT_ID, GraphSimulator.CLIENT_ID,
				new GraphProperties.Secret(GraphSimulator.CLIENT_SECRET),
				URI.create(String.valueOf(simulator.applicationProperties().get("AZURE_AUTHORITY_HOST"))),
				URI.create(simulator.graphBaseUrl()), null, Duration.ofSeconds(2), Duration.ofSeconds(10),
				maxResponseSize);
		GraphResilienceProperties resilience = new GraphResilienceProperties(1, Duration.ofMillis(100),
				Duration.ofMillis(100), Duration.ofSeconds(10), 3);
		GraphClientConfiguration.Resilience instances = new GraphClientConfiguration.Resilience(
				CircuitBreaker.ofDefaults("graph"), Bulkhead.ofDefaults("graph"), RateLimiter.ofDefaults("app"),
				RateLimiter.ofDefaults("list"), RateLimiterConfig.ofDefaults(), new SimpleMeterRegistry());
		return GraphClientConfiguration.create(properties, resilience, instances, WebClient.builder(),
				JsonMapper.builder().build(), Clock.systemUTC());
	}

}
