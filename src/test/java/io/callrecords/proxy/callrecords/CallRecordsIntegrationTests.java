package io.callrecords.proxy.callrecords;

import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.callrecords.proxy.ApiResponses.Response;
import io.callrecords.proxy.IntegrationTestSupport;
import io.callrecords.proxy.simulator.GraphSimulator;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.ObservationFilterChainDecorator;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call record read path end to end: the service on a random port, Entra ID and Graph
 * simulated. Every response is checked against {@code api-spec.yaml}.
 */
class CallRecordsIntegrationTests extends IntegrationTestSupport {

	private static final String GROUP_CALL = "6f6b2e7c-3d1a-4c5e-8f90-1a2b3c4d5e6f";

	private static final String PEER_TO_PEER = "e523d2ed-2966-4b6b-925b-754a88034cc5";

	private static final String PHONE_ORGANIZER = "c3ad8c4b-4a87-4ab1-bef0-284d2f40ed9f";

	private static final String LEGACY = "a1b2c3d4-0000-4000-8000-00000000000a";

	private static final String RECORD_PATH = "/v1.0/communications/callRecords/";

	@Test
	void securityFiltersAreNotWrappedInObservations(@Autowired FilterChainProxy filters) {
		// requests are observed once, by Spring MVC; one observing wrapper per security
		// filter per request would cost CPU for no-op observations
		assertThat(ReflectionTestUtils.getField(filters, "filterChainDecorator"))
			.isNotInstanceOf(ObservationFilterChainDecorator.class);
	}

	@Test
	void reactiveChainsOfARequestCarryNoCallerIdentity(
			@Autowired @Qualifier("securityReactorContextHookRemoval") SmartInitializingSingleton startup) {
		// Spring Security would copy the servlet request and the caller's authentication
		// into every Reactor chain started on a request thread; the Graph client never
		// needs them, so the hook is removed at startup. Reactor's hooks belong to the
		// JVM, and other test contexts (Spring Security without the Graph client) put it
		// back: the application's startup step is run again here
		startup.afterSingletonsInstantiated();
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
		try {
			Boolean carried = Mono.deferContextual(
					(context) -> Mono.just(context.hasKey("org.springframework.security.SECURITY_CONTEXT_ATTRIBUTES")))
				.block();
			assertThat(carried).isFalse();
		}
		finally {
			RequestContextHolder.resetRequestAttributes();
		}
	}

	@Test
	void getCallRecordReturnsTheFlattenedRecordWithItsOrganizer() {
		Response response = this.api.get("/api/v1/call-records/" + GROUP_CALL);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("application/json");
		JsonNode record = response.json();
		assertThat(record.get("id").asString()).isEqualTo(GROUP_CALL);
		assertThat(record.get("version").asLong()).isEqualTo(3);
		assertThat(record.get("type").asString()).isEqualTo("groupCall");
		assertThat(record.get("durationSeconds").asDouble()).isEqualTo(2730.5);
		assertThat(record.get("joinWebUrl").asString()).startsWith("https://teams.microsoft.com/l/meetup-join/");
		assertThat(record.get("organizer").get("displayName").asString()).isEqualTo("Megan Bowen");
		assertThat(record.get("organizer").get("kind").asString()).isEqualTo("user");
		assertThat(record.get("organizer").get("external").asBoolean()).isFalse();
		assertThat(record.has("participants")).isFalse();
		assertThat(record.has("sessions")).isFalse();
		assertThat(response.body()).doesNotContain("null", "@odata", "organizer_v2");
	}

	@Test
	void getCallRecordSendsGraphTheTokenThePreferHeaderAndAFreshClientRequestId() {
		Response first = this.api.get("/api/v1/call-records/" + GROUP_CALL);
		Response second = this.api.get("/api/v1/call-records/" + GROUP_CALL);

		List<LoggedRequest> requests = simulator.graphRequests();
		assertThat(requests).hasSize(2);
		LoggedRequest request = requests.get(0);
		assertThat(request.getMethod().getName()).isEqualTo("GET");
		assertThat(request.getUrl()).isEqualTo(RECORD_PATH + GROUP_CALL);
		assertThat(request.getHeader("Authorization")).startsWith("Bearer sim-");
		assertThat(request.getHeader("Prefer")).isEqualTo("omit-values=nulls, include-unknown-enum-members");
		assertThat(request.getHeader("Accept")).isEqualTo("application/json");
		String clientRequestId = request.getHeader("client-request-id");
		assertThat(UUID.fromString(clientRequestId)).isNotNull();
		assertThat(first.header("client-request-id")).isEqualTo(clientRequestId);
		assertThat(requests.get(1).getHeader("client-request-id")).isEqualTo(second.header("client-request-id"))
			.isNotEqualTo(clientRequestId);
	}

	@Test
	void getCallRecordWithParticipantsExpandsParticipantsAndFlattensEveryIdentityKind() {
		Response response = this.api.get("/api/v1/call-records/" + GROUP_CALL + "?include=participants");

		assertThat(response.status()).isEqualTo(200);
		assertThat(simulator.graphRequests().get(0).queryParameter("$expand").firstValue())
			.isEqualTo("participants_v2");
		JsonNode participants = response.json().get("participants");
		assertThat(participants.valueStream().map((party) -> party.get("kind").asString())).containsExactly("user",
				"user", "guest", "phone", "application", "applicationInstance", "device", "encrypted", "onPremises",
				"assertedIdentity", "azureCommunicationServicesUser", "acsUser", "spoolUser", "acsApplicationInstance",
				"spoolApplicationInstance", "unknown", "user");
		assertThat(participants.get(1).get("external").asBoolean()).isTrue();
		assertThat(participants.get(3).get("id").asString()).isEqualTo("+14255550100");
		assertThat(response.json().has("sessions")).isFalse();
	}

	@Test
	void getCallRecordWithSessionsExpandsSessionsWithoutSegments() {
		Response response = this.api.get("/api/v1/call-records/" + PHONE_ORGANIZER + "?include=sessions");

		assertThat(response.status()).isEqualTo(200);
		assertThat(simulator.graphRequests().get(0).queryParameter("$expand").firstValue()).isEqualTo("sessions");
		JsonNode session = response.json().get("sessions").get(0);
		assertThat(session.get("caller").get("endpointType").asString()).isEqualTo("service");
		assertThat(session.get("caller").get("userAgent").get("role").asString()).isEqualTo("mediationServer");
		assertThat(session.get("callee").get("party").get("userPrincipalName").asString())
			.isEqualTo("abbie.wilkins@contoso.com");
		assertThat(session.get("failureInfo").get("stage").asString()).isEqualTo("midcall");
		assertThat(session.has("segments")).isFalse();
		assertThat(response.json().has("participants")).isFalse();
	}

	@Test
	void getCallRecordWithSegmentsExpandsSessionsWithSegmentsAndConvertsDurationsToMilliseconds() {
		Response response = this.api.get("/api/v1/call-records/" + PEER_TO_PEER + "?include=segments");

		assertThat(response.status()).isEqualTo(200);
		assertThat(simulator.graphRequests().get(0).queryParameter("$expand").firstValue())
			.isEqualTo("sessions($expand=segments)");
		JsonNode stream = response.json()
			.get("sessions")
			.get(0)
			.get("segments")
			.get(0)
			.get("media")
			.get(0)
			.get("streams")
			.get(1);
		assertThat(stream.get("averageJitterMs").asDouble()).isEqualTo(7.0);
		assertThat(stream.get("maxAudioNetworkJitterMs").asDouble()).isEqualTo(474.0);
		assertThat(stream.get("averageAudioDegradation").asDouble()).isEqualTo(1.160898);
		assertThat(stream.has("averageJitter")).isFalse();
	}

	@Test
	void getCallRecordWithEveryIncludeExpandsBoth() {
		Response response = this.api
			.get("/api/v1/call-records/" + GROUP_CALL + "?include=participants,sessions,segments");

		assertThat(response.status()).isEqualTo(200);
		assertThat(simulator.graphRequests().get(0).queryParameter("$expand").firstValue())
			.isEqualTo("participants_v2,sessions($expand=segments)");
		assertThat(response.json().get("participants").size()).isEqualTo(17);
		JsonNode segment = response.json().get("sessions").get(0).get("segments").get(0);
		assertThat(segment.get("media")
			.get(0)
			.get("callerNetwork")
			.get("traceRouteHops")
			.get(1)
			.get("roundTripTimeMs")
			.asDouble()).isEqualTo(18.5);
	}

	@Test
	void getCallRecordWithFieldsSelectsThemAndReturnsNothingElse() {
		Response response = this.api
			.get("/api/v1/call-records/" + GROUP_CALL + "?fields=startDateTime,endDateTime,type");

		assertThat(response.status()).isEqualTo(200);
		LoggedRequest request = simulator.graphRequests().get(0);
		assertThat(request.queryParameter("$select").firstValue())
			.isEqualTo("id,version,startDateTime,endDateTime,type");
		assertThat(request.queryParameter("$expand").isPresent()).isFalse();
		assertThat(response.json().propertyNames()).containsExactlyInAnyOrder("id", "type", "startDateTime",
				"endDateTime", "durationSeconds");
	}

	@Test
	void getCallRecordWithOrganizerFieldExpandsTheOrganizerExplicitly() {
		Response response = this.api.get("/api/v1/call-records/" + PHONE_ORGANIZER + "?fields=organizer");

		assertThat(response.status()).isEqualTo(200);
		LoggedRequest request = simulator.graphRequests().get(0);
		assertThat(request.queryParameter("$select").firstValue()).isEqualTo("id,version");
		assertThat(request.queryParameter("$expand").firstValue()).isEqualTo("organizer_v2");
		JsonNode organizer = response.json().get("organizer");
		assertThat(organizer.get("id").asString()).isEqualTo("+5564981205182");
		assertThat(organizer.get("kind").asString()).isEqualTo("phone");
		assertThat(organizer.get("external").asBoolean()).isTrue();
		assertThat(response.json().propertyNames()).containsExactlyInAnyOrder("id", "organizer");
	}

	@Test
	void getCallRecordMapsTheDeprecatedOrganizerAndParticipantsOfOlderRecords() {
		Response response = this.api.get("/api/v1/call-records/" + LEGACY + "?include=participants,segments");

		assertThat(response.status()).isEqualTo(200);
		JsonNode record = response.json();
		assertThat(record.get("organizer").get("displayName").asString()).isEqualTo("Abbie Wilkins");
		assertThat(record.get("participants").size()).isEqualTo(2);
		assertThat(record.get("sessions").get(0).get("caller").get("party").get("id").asString())
			.isEqualTo("821809f5-0000-0000-0000-3b5136c0e777");
	}

	@Test
	void getUnknownCallRecordExplainsWhenRecordsExist() {
		Response response = this.api.get("/api/v1/call-records/00000000-0000-4000-8000-000000000404");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("code").asString()).isEqualTo("CALL_RECORD_NOT_FOUND");
		assertThat(problem.get("type").asString()).isEqualTo("urn:callrecords-proxy:problem:call-record-not-found");
		assertThat(problem.get("detail").asString()).contains("150 minutes", "30 days");
		assertThat(problem.get("clientRequestId").asString()).isEqualTo(response.header("client-request-id"));
		assertThat(problem.get("upstreamRequestId").asString()).isNotBlank();
		assertThat(response.body()).doesNotContain("NotFound", "The requested resource does not exist");
	}

	@Test
	void getCallRecordWhenGraphForbidsSaysThePermissionIsMissing() {
		simulator.onGraph(get(urlPathMatching(RECORD_PATH + ".*")).willReturn(aResponse().withStatus(403)
			.withHeader("Content-Type", "application/json")
			.withHeader("request-id", "0b4bc7e4-4c2b-4a4d-9e4a-403403403403")
			.withBody("{\"error\":{\"code\":\"Forbidden\",\"message\":\"Secret internal detail\"}}")));

		Response response = this.api.get("/api/v1/call-records/" + GROUP_CALL);

		assertThat(response.status()).isEqualTo(502);
		JsonNode problem = response.json();
		assertThat(problem.get("code").asString()).isEqualTo("UPSTREAM_FORBIDDEN");
		assertThat(problem.get("detail").asString()).contains("CallRecords.Read.All");
		assertThat(problem.get("upstreamRequestId").asString()).isEqualTo("0b4bc7e4-4c2b-4a4d-9e4a-403403403403");
		assertThat(response.body()).doesNotContain("Secret internal detail", "Exception", "java.");
	}

	@Test
	void getCallRecordWhenGraphRejectsTheTokenFetchesANewOneAndRetriesOnce() {
		this.api.get("/api/v1/call-records/" + GROUP_CALL);
		simulator.reset();
		int tokensBefore = simulator.tokensIssued();
		simulator.revokeTokens();

		Response response = this.api.get("/api/v1/call-records/" + GROUP_CALL);

		assertThat(response.status()).isEqualTo(200);
		assertThat(simulator.tokensIssued()).isEqualTo(tokensBefore + 1);
		List<LoggedRequest> requests = simulator.graphRequests();
		assertThat(requests).hasSize(2);
		assertThat(requests.get(1).getHeader("Authorization")).isNotEqualTo(requests.get(0).getHeader("Authorization"));
	}

	@Test
	void getCallRecordWhenGraphRejectsEvenAFreshTokenFailsWithoutLooping() {
		simulator.onGraph(get(urlPathMatching(RECORD_PATH + ".*")).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Token is invalid\"}}")));

		Response response = this.api.get("/api/v1/call-records/" + GROUP_CALL);

		assertThat(response.status()).isEqualTo(502);
		assertThat(response.json().get("code").asString()).isEqualTo("UPSTREAM_AUTH_FAILED");
		assertThat(simulator.graphRequests()).hasSize(2);
	}

	@Test
	void getCallRecordWhenEntraRejectsTheClientFailsWithUpstreamAuthFailed() {
		simulator.revokeTokens();
		simulator.onEntra(post(urlPathMatching("/.*/oauth2/v2.0/token")).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret "
					+ "provided.\"}")));

		Response response = this.api.get("/api/v1/call-records/" + GROUP_CALL);

		assertThat(response.status()).isEqualTo(502);
		JsonNode problem = response.json();
		assertThat(problem.get("code").asString()).isEqualTo("UPSTREAM_AUTH_FAILED");
		assertThat(problem.get("detail").asString()).contains("AZURE_CLIENT_ID");
		assertThat(response.body()).doesNotContain("AADSTS", GraphSimulator.CLIENT_SECRET);
		assertThat(simulator.tokenRequests()).isNotEmpty();
		assertThat(simulator.graphRequests()).hasSize(1);
	}

	@Test
	void tokenRequestUsesClientCredentialsWithTheGraphDefaultScope() {
		simulator.revokeTokens();

		this.api.get("/api/v1/call-records/" + GROUP_CALL);

		LoggedRequest tokenRequest = simulator.tokenRequests().get(0);
		assertThat(tokenRequest.getUrl()).isEqualTo("/" + GraphSimulator.TENANT_ID + "/oauth2/v2.0/token");
		assertThat(tokenRequest.formParameters().get("grant_type").firstValue()).isEqualTo("client_credentials");
		assertThat(tokenRequest.formParameters().get("client_id").firstValue()).isEqualTo(GraphSimulator.CLIENT_ID);
		assertThat(tokenRequest.formParameters().get("scope").firstValue())
			.isEqualTo(simulator.graphBaseUrl().replace("/v1.0", "") + "/.default");
	}

	@Test
	void getCallRecordReusesTheCachedTokenAcrossRequests() {
		this.api.get("/api/v1/call-records/" + GROUP_CALL);
		int issued = simulator.tokensIssued();

		this.api.get("/api/v1/call-records/" + PEER_TO_PEER);
		this.api.get("/api/v1/call-records/" + PHONE_ORGANIZER);

		assertThat(simulator.tokensIssued()).isEqualTo(issued);
	}

}
