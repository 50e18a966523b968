package io.callrecords.proxy.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.callrecords.proxy.ApiResponses.Response;
import io.callrecords.proxy.IntegrationTestSupport;
import io.callrecords.proxy.simulator.CallerTokens;
import io.callrecords.proxy.simulator.GraphSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only authorised internal apps get in, and nothing secret gets out: real tokens, signed
 * by the simulated issuer, against the whole service. The access rules themselves (no
 * token, missing role, quota, open probes, headers) are tested in the slice,
 * {@code SecurityTests}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecurityIntegrationTests extends IntegrationTestSupport {

	private static final String RECORD = "/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5";

	@ParameterizedTest
	@ValueSource(strings = { "expired", "wrong-audience", "wrong-issuer", "unsigned", "foreign-key", "garbage" })
	void everyKindOfBadTokenIsUnauthenticated(String kind) {
		CallerTokens.Builder token = simulator.callerTokens().builder().caller("bad-token-app");
		String bearer = switch (kind) {
			case "expired" -> token.expiresIn(Duration.ofMinutes(-5)).build();
			case "wrong-audience" -> token.audience("api://some-other-api").build();
			case "wrong-issuer" -> token.issuer("https://login.microsoftonline.com/another-tenant/v2.0").build();
			case "unsigned" -> token.unsigned().build();
			case "foreign-key" -> token.signedByAnotherKey().build();
			default -> "not.a.jwt";
		};

		assertUnauthenticated(this.api.getWithToken(RECORD, bearer));
	}

	@Test
	void aValidTokenWithoutTheRoleIsForbidden() {
		String bearer = simulator.callerTokens().builder().caller("roleless-app").roles("Something.Else").build();

		Response response = this.api.getWithToken(RECORD, bearer);

		assertThat(response.status()).isEqualTo(403);
		assertThat(response.json().get("code").asString()).isEqualTo("FORBIDDEN");
		assertThat(response.json().get("detail").asString()).contains("CallRecords.Read");
		assertThat(simulator.graphRequests()).isEmpty();
	}

	@Test
	void aDelegatedScopeGrantsAccessLikeTheAppRole() {
		String bearer = simulator.callerTokens()
			.builder()
			.caller("delegated-app")
			.roles()
			.scopes("User.Read CallRecords.Read")
			.build();

		assertThat(this.api.getWithToken(RECORD, bearer).status()).isEqualTo(200);
	}

	@Test
	void probesAndScrapingNeedNoToken() {
		assertThat(this.api.send("/actuator/health/readiness", null, Map.of()).status()).isEqualTo(200);
		assertThat(this.api.send("/actuator/prometheus", null, Map.of()).status()).isEqualTo(200);
	}

	@Test
	void overlongRequestLinesAreRefused() {
		Response response = this.api.send(RECORD + "?fields=" + "x".repeat(20_000), CALLER_TOKEN, Map.of());

		assertThat(response.status()).isIn(400, 414);
		assertThat(simulator.graphRequests()).isEmpty();
	}

	@Test
	void neitherTheClientSecretNorAnyTokenReachesTheLogs(CapturedOutput output) {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		List<String> chatty = List.of("io.callrecords", "org.springframework.security", "org.springframework.web",
				"org.springframework.http");
		chatty.forEach((name) -> logging.setLogLevel(name, LogLevel.DEBUG));
		try {
			fullCycle();
		}
		finally {
			chatty.forEach((name) -> logging.setLogLevel(name, null));
		}
		String serviceToken = simulator.graphRequests().get(0).getHeader("Authorization").substring(7);

		assertThat(output.getAll()).contains("callrecords.audit")
			.contains("outcome=UPSTREAM_FORBIDDEN")
			.doesNotContain(GraphSimulator.CLIENT_SECRET)
			.doesNotContain(serviceToken)
			.doesNotContain(CALLER_TOKEN)
			.doesNotContain(CALLER_TOKEN.substring(CALLER_TOKEN.lastIndexOf('.') + 1));
	}

	/** A token fetch, a success, a Graph error and a rejected caller token. */
	private void fullCycle() {
		simulator.revokeTokens();
		this.api.get(RECORD);
		simulator.onGraph(get(urlPathMatching(".*")).willReturn(aResponse().withStatus(403)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"code\":\"Forbidden\",\"message\":\"Insufficient privileges\"}}")));
		this.api.get(RECORD + "?include=participants");
		this.api.getWithToken(RECORD, CALLER_TOKEN + "tampered");
	}

	private static void assertUnauthenticated(Response response) {
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.json().get("code").asString()).isEqualTo("UNAUTHENTICATED");
		assertThat(response.json().get("type").asString()).isEqualTo("urn:callrecords-proxy:problem:unauthenticated");
		assertThat(response.json().get("clientRequestId").asString()).isEqualTo(response.header("client-request-id"));
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
		assertThat(simulator.graphRequests()).isEmpty();
	}

}
