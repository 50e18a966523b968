package io.callrecords.proxy.web;

import java.util.UUID;

import io.callrecords.proxy.ApiSliceTestSupport;
import io.callrecords.proxy.graph.FakeGraph;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who gets in, in front of a fake Graph: callers with the required role and within their
 * quota; probes without a token. What the service makes of real tokens is tested in
 * {@code SecurityIntegrationTests}.
 */
class SecurityTests extends ApiSliceTestSupport {

	private static final String RECORD = "/api/v1/call-records/" + FakeGraph.RECORD;

	@Test
	void aRequestWithoutATokenIsUnauthenticatedWithABearerChallengeAndAProblem() {
		MvcTestResult result = this.mvc.get().uri(RECORD).exchange();

		assertUnauthenticated(result);
	}

	@Test
	void aMalformedTokenIsUnauthenticated() {
		MvcTestResult result = this.mvc.get()
			.uri(RECORD)
			.header(HttpHeaders.AUTHORIZATION, "Bearer not.a.jwt")
			.exchange();

		assertUnauthenticated(result);
	}

	@Test
	void aTokenWithoutTheRequiredRoleIsForbidden() {
		MvcTestResult result = this.mvc.get()
			.uri(RECORD)
			.with(caller("roleless-app").authorities(new SimpleGrantedAuthority("CALLER_Something.Else")))
			.exchange();

		JsonNode problem = problem(result, HttpStatus.FORBIDDEN, "FORBIDDEN");
		assertThat(problem.path("detail").asString()).contains("CallRecords.Read");
		assertThat(this.graph.requests()).isEmpty();
	}

	@Test
	void aCallerOverItsQuotaIsRefusedWithRetryAfterWhileOthersAreServed() {
		String app = "noisy-app-" + UUID.randomUUID();
		for (int i = 0; i < CALLER_QUOTA; i++) {
			assertThat(getAs(app)).hasStatusOk();
		}

		MvcTestResult refused = getAs(app);

		JsonNode problem = problem(refused, HttpStatus.TOO_MANY_REQUESTS, "QUOTA_EXCEEDED");
		assertThat(problem.path("type").asString()).isEqualTo("urn:callrecords-proxy:problem:quota-exceeded");
		assertThat(Long.parseLong(refused.getResponse().getHeader(HttpHeaders.RETRY_AFTER))).isBetween(1L, 3600L);
		assertThat(get(RECORD)).hasStatusOk();
		assertThat(this.graph.requests()).hasSize(CALLER_QUOTA + 1);
	}

	@Test
	void healthIsOpenWithoutATokenAndNeverAsksGraph() {
		MvcTestResult result = this.mvc.get().uri("/actuator/health").exchange();

		assertThat(result).hasStatusOk();
		assertThat(json(result).path("status").asString()).isEqualTo("UP");
		assertThat(this.graph.requests()).isEmpty();
	}

	@Test
	void answersCarrySecurityHeadersAndNoCorsByDefault() {
		MvcTestResult result = this.mvc.get()
			.uri(RECORD)
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.with(caller())
			.exchange();

		assertThat(result).hasStatusOk()
			.headers()
			.hasValue("X-Content-Type-Options", "nosniff")
			.hasValue("Referrer-Policy", "no-referrer")
			.doesNotContainHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
		assertThat(result.getResponse().getHeader("Content-Security-Policy")).contains("default-src 'none'");
		// a record says how fresh it is, to the caller's own cache only (RFC 9111); other
		// answers are not stored anywhere
		assertThat(result.getResponse().getHeader(HttpHeaders.CACHE_CONTROL)).contains("private")
			.doesNotContain("public");
		assertThat(this.mvc.get()
			.uri("/api/v1/call-records")
			.with(caller())
			.exchange()
			.getResponse()
			.getHeader(HttpHeaders.CACHE_CONTROL)).contains("no-store");
	}

	private MvcTestResult getAs(String app) {
		return this.mvc.get()
			.uri(RECORD)
			.with(caller(app).authorities(new SimpleGrantedAuthority(REQUIRED_AUTHORITY)))
			.exchange();
	}

	@Test
	void noProtectedResourceMetadataIsPublishedForAnAudienceThatIsNoHttpsUrl() {
		// the slice's audience is an api:// URI, which RFC 9728 cannot name as a resource
		MvcTestResult result = this.mvc.get().uri("/.well-known/oauth-protected-resource").exchange();

		problem(result, HttpStatus.NOT_FOUND, "NOT_FOUND");
		assertThat(result).body().asString().doesNotContain("tls_client_certificate_bound_access_tokens");
	}

	private void assertUnauthenticated(MvcTestResult result) {
		JsonNode problem = problem(result, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED");
		assertThat(problem.path("type").asString()).isEqualTo("urn:callrecords-proxy:problem:unauthenticated");
		assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer")
			.doesNotContain("resource_metadata");
		assertThat(this.graph.requests()).isEmpty();
	}

}
