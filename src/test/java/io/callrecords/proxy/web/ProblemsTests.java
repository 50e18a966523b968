package io.callrecords.proxy.web;

import java.time.Duration;
import java.util.Locale;

import io.callrecords.proxy.ApiSliceTestSupport;
import io.callrecords.proxy.graph.FakeGraph;
import io.callrecords.proxy.graph.GraphException;
import io.callrecords.proxy.graph.GraphFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every failure becomes an RFC 9457 problem with a stable code, the request's id and,
 * when Graph answered, Graph's request id; never a class name, a stack trace or what the
 * failure said for the logs.
 */
class ProblemsTests extends ApiSliceTestSupport {

	private static final String RECORD = "/api/v1/call-records/" + FakeGraph.RECORD;

	private static final String FOR_LOGS_ONLY = "Graph said something only the logs may see";

	@ParameterizedTest(name = "{0}")
	@CsvSource(textBlock = """
			NOT_FOUND,          404, CALL_RECORD_NOT_FOUND,       150 minutes
			AUTH_FAILED,        502, UPSTREAM_AUTH_FAILED,        AZURE_CLIENT_ID
			FORBIDDEN,          502, UPSTREAM_FORBIDDEN,          CallRecords.Read.All
			THROTTLED,          503, UPSTREAM_THROTTLED,          Retry-After
			UNAVAILABLE,        503, UPSTREAM_UNAVAILABLE,        Retry later
			TIMEOUT,            504, UPSTREAM_TIMEOUT,            in time
			BAD_RESPONSE,       502, UPSTREAM_BAD_RESPONSE,       could not read
			RESPONSE_TOO_LARGE, 502, UPSTREAM_RESPONSE_TOO_LARGE, GRAPH_MAX_RESPONSE_SIZE
			LINK_EXPIRED,       410, CURSOR_EXPIRED,              Restart the query
			UNEXPECTED_STATUS,  502, UPSTREAM_ERROR,              rejected the request
			""")
	void eachGraphFailureIsAProblemWithItsStatusCodeAndGraphsRequestId(GraphFailure failure, int status, String code,
			String explanation) {
		this.graph.failWith(new GraphException(failure, FOR_LOGS_ONLY, 418, "upstream-request-1", null,
				new IllegalStateException("cause")));

		MvcTestResult result = get(RECORD);

		JsonNode problem = problem(result, HttpStatus.valueOf(status), code);
		assertThat(problem.path("type").asString())
			.isEqualTo("urn:callrecords-proxy:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-'));
		assertThat(problem.path("title").asString()).isNotBlank();
		assertThat(problem.path("detail").asString()).contains(explanation);
		assertThat(problem.path("upstreamRequestId").asString()).isEqualTo("upstream-request-1");
		assertThat(problem.path("instance").asString()).isEqualTo(RECORD);
		assertThat(result).body()
			.asString()
			.doesNotContain(FOR_LOGS_ONLY, "Exception", "java.", "io.callrecords", "\tat ", "IllegalStateException");
	}

	@ParameterizedTest(name = "{0} after {1} ms: Retry-After {2}")
	@CsvSource(textBlock = """
			THROTTLED,    1200,  2
			THROTTLED,    3000,  3
			UNAVAILABLE,  1,     1
			UNAVAILABLE,  59001, 60
			""")
	void aServiceUnavailableProblemPassesGraphsWaitOnInWholeSecondsRoundedUp(GraphFailure failure, long millis,
			String retryAfter) {
		// no answer from Graph (status 0): the wait is the policy's, not a remembered
		// failure
		this.graph.failWith(new GraphException(failure, FOR_LOGS_ONLY, 0, null, Duration.ofMillis(millis), null));

		MvcTestResult result = get(RECORD);

		assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.headers()
			.hasValue(HttpHeaders.RETRY_AFTER, retryAfter);
	}

	@Test
	void aRecordGraphFailedToGiveIsAnsweredFromMemoryUntilItIsTriedAgain() {
		this.graph.failWith(
				new GraphException(GraphFailure.BAD_RESPONSE, FOR_LOGS_ONLY, 200, "upstream-request-1", null, null));

		MvcTestResult first = get(RECORD);
		MvcTestResult second = get(RECORD);

		// PROXY_CACHE_FAILURE_TTL: 10 s
		assertThat(first).hasStatus(HttpStatus.BAD_GATEWAY).headers().hasValue(HttpHeaders.RETRY_AFTER, "10");
		assertThat(second).hasStatus(HttpStatus.BAD_GATEWAY).headers().containsHeader(HttpHeaders.RETRY_AFTER);
		assertThat(problem(second, HttpStatus.BAD_GATEWAY, "UPSTREAM_BAD_RESPONSE").get("upstreamRequestId").asString())
			.isEqualTo("upstream-request-1");
		assertThat(this.graph.requests()).hasSize(1);
	}

	@Test
	void anAppOverItsFairShareOfGraphIsToldToSlowDownWith429() {
		this.graph.failWith(new GraphException(GraphFailure.OVER_FAIR_SHARE, FOR_LOGS_ONLY, 0, null,
				Duration.ofMillis(1500), null));

		MvcTestResult result = get(RECORD);

		assertThat(result).hasStatus(HttpStatus.TOO_MANY_REQUESTS).headers().hasValue(HttpHeaders.RETRY_AFTER, "2");
		assertThat(problem(result, HttpStatus.TOO_MANY_REQUESTS, "QUOTA_EXCEEDED").get("detail").asString())
			.contains("fair share");
	}

	@Test
	void aServiceUnavailableProblemHasNoRetryAfterWhenGraphGaveNone() {
		this.graph.failWith(new GraphException(GraphFailure.THROTTLED, FOR_LOGS_ONLY, null));

		MvcTestResult result = get(RECORD);

		assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.headers()
			.doesNotContainHeader(HttpHeaders.RETRY_AFTER);
	}

	@Test
	void otherProblemsHaveNoRetryAfterEvenWhenGraphGaveOne() {
		this.graph.failWith(
				new GraphException(GraphFailure.AUTH_FAILED, FOR_LOGS_ONLY, 401, null, Duration.ofSeconds(5), null));

		MvcTestResult result = get(RECORD);

		assertThat(result).hasStatus(HttpStatus.BAD_GATEWAY).headers().doesNotContainHeader(HttpHeaders.RETRY_AFTER);
	}

	@Test
	void aFailureWithoutAnAnswerFromGraphHasNoUpstreamRequestId() {
		this.graph.failWith(new GraphException(GraphFailure.TIMEOUT, FOR_LOGS_ONLY, null));

		JsonNode problem = problem(get(RECORD), HttpStatus.GATEWAY_TIMEOUT, "UPSTREAM_TIMEOUT");

		assertThat(problem.has("upstreamRequestId")).isFalse();
	}

	@Test
	void anUnknownCallRecordIsACallRecordNotFoundProblem() {
		JsonNode problem = problem(get("/api/v1/call-records/00000000-0000-4000-8000-000000000404"),
				HttpStatus.NOT_FOUND, "CALL_RECORD_NOT_FOUND");

		assertThat(problem.path("detail").asString()).contains("150 minutes", "30 days");
	}

	@Test
	void anUnexpectedFailureIsAnInternalErrorThatSaysNothingOfIt() {
		this.graph.failWith(new IllegalStateException(FOR_LOGS_ONLY));

		MvcTestResult result = get(RECORD);

		JsonNode problem = problem(result, HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR");
		assertThat(problem.path("detail").asString()).contains("clientRequestId");
		assertThat(result).body()
			.asString()
			.doesNotContain(FOR_LOGS_ONLY, "IllegalStateException", "java.", "io.callrecords", "\tat ");
	}

	@Test
	void anUnknownPathIsANotFoundProblem() {
		problem(get("/api/v1/nothing-here"), HttpStatus.NOT_FOUND, "NOT_FOUND");
	}

	@Test
	void anUnsupportedMethodIsAMethodNotAllowedProblem() {
		problem(this.mvc.delete().uri(RECORD).with(caller()).exchange(), HttpStatus.METHOD_NOT_ALLOWED,
				"METHOD_NOT_ALLOWED");
	}

}
