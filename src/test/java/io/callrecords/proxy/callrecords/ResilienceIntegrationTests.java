package io.callrecords.proxy.callrecords;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.callrecords.proxy.ApiResponses;
import io.callrecords.proxy.ApiResponses.Response;
import io.callrecords.proxy.IntegrationTestSupport;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Graph's throttling and faults, injected by the simulator, end to end. The test context
 * uses a 25 s request deadline and 100-400 ms backoffs; each test uses its own call
 * record so that what the service learnt about one record's throttling does not leak into
 * another test.
 */
class ResilienceIntegrationTests extends IntegrationTestSupport {

	// each form Graph sends, end to end; how the wait is timed against the deadline is
	// GraphCallPolicyTests' (virtual time), and an HTTP-date Retry-After is
	// RetryAfterTests'
	@ParameterizedTest(name = "Retry-After: {0}")
	@CsvSource(textBlock = """
			1,          1,   1000
			0.2,        2,   200
			'0.05,0.3', 3,   300
			""")
	void throttledRequestsWaitForRetryAfterAndThenSucceed(String retryAfter, int record, long waitMillis) {
		String id = seriesRecord(record);
		simulator.faults().throttle("record:" + id, retryAfter);

		Response response = this.api.get("/api/v1/call-records/" + id);

		assertThat(response.status()).isEqualTo(200);
		List<LoggedRequest> requests = simulator.graphRequests();
		assertThat(requests).hasSize(2);
		assertThat(millisBetween(requests.get(0), requests.get(1))).isGreaterThanOrEqualTo(waitMillis);
	}

	@Test
	void aRetryAfterBeyondTheDeadlineIsPassedToTheCallerAndNobodyAsksGraphEarlier() {
		String id = seriesRecord(5);
		simulator.faults().throttle("record:" + id, "30");

		Response first = this.api.get("/api/v1/call-records/" + id);
		Response second = this.api.get("/api/v1/call-records/" + id + "/participants");

		assertThat(first.status()).isEqualTo(503);
		assertThat(first.json().get("code").asString()).isEqualTo("UPSTREAM_THROTTLED");
		assertThat(Integer.parseInt(first.header("Retry-After"))).isBetween(1, 30);
		assertThat(second.status()).isEqualTo(503);
		assertThat(Integer.parseInt(second.header("Retry-After"))).isBetween(1, 30);
		assertThat(simulator.graphRequests()).hasSize(1);
	}

	@Test
	void aHundredSimultaneousCallersOfAThrottledRecordCostGraphAHandfulOfRequests() {
		String id = seriesRecord(6);
		simulator.faults().throttle("record:" + id, "0.5");
		assertThat(this.api.concurrently(100, "/api/v1/call-records/" + id)).containsOnly(200);
		List<LoggedRequest> requests = simulator.graphRequests();
		assertThat(requests).hasSizeBetween(2, 5);
		assertThat(requests.subList(1, requests.size()))
			.allSatisfy((later) -> assertThat(millisBetween(requests.get(0), later)).isGreaterThanOrEqualTo(500));
	}

	@Test
	void a503WithRetryAfterIsRetriedAfterIt() {
		simulator.faults().status(503, 1, "0.2");

		Response response = this.api.get("/api/v1/call-records/" + seriesRecord(7));

		assertThat(response.status()).isEqualTo(200);
		List<LoggedRequest> requests = simulator.graphRequests();
		assertThat(requests).hasSize(2);
		assertThat(millisBetween(requests.get(0), requests.get(1))).isGreaterThanOrEqualTo(200);
	}

	@ParameterizedTest
	@CsvSource({ "503", "504", "500" })
	void transientFailuresWithoutRetryAfterAreRetriedWithBackoff(int status) {
		simulator.faults().status(status, 2, null);

		Response response = this.api.get("/api/v1/call-records/" + seriesRecord(8));

		assertThat(response.status()).isEqualTo(200);
		List<LoggedRequest> requests = simulator.graphRequests();
		assertThat(requests).hasSize(3);
		assertThat(millisBetween(requests.get(0), requests.get(1))).isGreaterThanOrEqualTo(50);
	}

	@Test
	void aPersistent503EndsInUpstreamUnavailableWithRetryAfterAfterTheConfiguredAttempts() {
		simulator.faults().status(503, 4, null);

		Response response = this.api.get("/api/v1/call-records/" + seriesRecord(9));

		assertThat(response.status()).isEqualTo(503);
		assertThat(response.json().get("code").asString()).isEqualTo("UPSTREAM_UNAVAILABLE");
		// the record is tried again in 10 s (PROXY_CACHE_FAILURE_TTL); until then its
		// failure
		// is the answer, without a Graph call
		assertThat(response.header("Retry-After")).isEqualTo("10");
		assertThat(simulator.graphRequests()).hasSize(4);
		Response remembered = this.api.get("/api/v1/call-records/" + seriesRecord(9));
		assertThat(remembered.status()).isEqualTo(503);
		assertThat(Integer.parseInt(remembered.header("Retry-After"))).isBetween(1, 10);
		assertThat(simulator.graphRequests()).hasSize(4);
	}

	@Test
	void aPersistent504EndsInUpstreamTimeout() {
		simulator.faults().status(504, 4, null);

		Response response = this.api.get("/api/v1/call-records/" + seriesRecord(10));

		assertThat(response.status()).isEqualTo(504);
		assertThat(response.json().get("code").asString()).isEqualTo("UPSTREAM_TIMEOUT");
		assertThat(simulator.graphRequests()).hasSize(4);
		assertThat(this.api.get("/api/v1/call-records/" + seriesRecord(10)).status()).isEqualTo(504);
		assertThat(simulator.graphRequests()).hasSize(4);
	}

	@Test
	void aResetConnectionIsRetried() {
		simulator.faults().connectionReset(1);

		Response response = this.api.get("/api/v1/call-records/" + seriesRecord(12));

		assertThat(response.status()).isEqualTo(200);
		assertThat(simulator.graphRequests()).hasSize(2);
	}

	@Test
	void connectionsThatKeepFailingEndInUpstreamUnavailable() {
		simulator.faults().connectionReset(4);

		Response response = this.api.get("/api/v1/call-records/" + seriesRecord(13));

		assertThat(response.status()).isEqualTo(503);
		assertThat(response.json().get("code").asString()).isEqualTo("UPSTREAM_UNAVAILABLE");
		assertThat(this.api.get("/api/v1/call-records/" + seriesRecord(13)).status()).isEqualTo(200);
	}

	@ParameterizedTest
	@CsvSource({ "malformed", "truncated" })
	void anUnreadableBodyIsABadResponseAndIsNotRetried(String fault) {
		if (fault.equals("malformed")) {
			simulator.faults().malformedBody(1);
		}
		else {
			simulator.faults().truncatedBody(1);
		}

		Response response = this.api.get("/api/v1/call-records/" + seriesRecord(14));

		assertThat(response.status()).isEqualTo(502);
		assertThat(response.json().get("code").asString()).isEqualTo("UPSTREAM_BAD_RESPONSE");
		assertThat(response.body()).doesNotContain("html", "Bad gateway");
		assertThat(simulator.graphRequests()).hasSize(1);
		assertThat(this.api.getOutsideContract("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/call-records/" + seriesRecord(14)).status()).isEqualTo(502);
		assertThat(simulator.graphRequests()).hasSize(1);
	}

	@Test
	void aTokenEndpointHiccupIsRetried() {
		simulator.revokeTokens();
		simulator.faults().tokenStatus(503, 1);

		Response response = this.api.get("/api/v1/call-records/" + seriesRecord(15));

		assertThat(response.status()).isEqualTo(200);
		assertThat(simulator.tokenRequests()).hasSize(2);
	}

	@Test
	void aTokenEndpointThatStaysDownEndsInUpstreamAuthFailed() {
		simulator.revokeTokens();
		simulator.faults().tokenStatus(503, 3);

		Response response = this.api.get("/api/v1/call-records/" + seriesRecord(16));

		assertThat(response.status()).isEqualTo(502);
		assertThat(response.json().get("code").asString()).isEqualTo("UPSTREAM_AUTH_FAILED");
		assertThat(simulator.tokenRequests()).hasSize(3);
		assertThat(this.api.get("/api/v1/call-records/" + seriesRecord(16)).status()).isEqualTo(200);
	}

	@Test
	void anInvalidClientIsNotRetried() {
		simulator.revokeTokens();
		simulator.faults().tokenInvalidClient(1);

		Response response = this.api.get("/api/v1/call-records/" + seriesRecord(17));

		assertThat(response.status()).isEqualTo(502);
		assertThat(response.json().get("code").asString()).isEqualTo("UPSTREAM_AUTH_FAILED");
		assertThat(simulator.tokenRequests()).hasSize(1);
		assertThat(this.api.get("/api/v1/call-records/" + seriesRecord(17)).status()).isEqualTo(200);
	}

	@Test
	void notFoundIsNeverRetried() {
		Response response = this.api.get("/api/v1/call-records/00000000-0000-4000-8000-000000000404");

		assertThat(response.status()).isEqualTo(404);
		assertThat(simulator.graphRequests()).hasSize(1);
	}

	@Test
	void aGraphOutageOpensTheCircuitQuicklyAndItClosesWhenGraphRecovers() {
		simulator.faults().status(503, 1000, null);
		// ten different records fail at once: Graph is down, not one of its records
		ExecutorService callers = Executors.newFixedThreadPool(10);
		try {
			List<CompletableFuture<Response>> outage = IntStream.range(60, 70)
				.mapToObj((i) -> CompletableFuture
					.supplyAsync(() -> this.api.get("/api/v1/call-records/" + seriesRecord(i)), callers))
				.toList();
			assertThat(outage).allSatisfy((answer) -> assertThat(answer.join().status()).isEqualTo(503));
		}
		finally {
			callers.shutdown();
		}
		assertThat(this.circuitBreakers.circuitBreaker("graph").getState()).isEqualTo(CircuitBreaker.State.OPEN);
		int sent = simulator.graphRequests().size();

		Response refused = this.api.get("/api/v1/call-records/" + seriesRecord(70));

		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.json().get("code").asString()).isEqualTo("UPSTREAM_UNAVAILABLE");
		assertThat(refused.header("Retry-After")).isEqualTo("1");
		assertThat(simulator.graphRequests()).hasSize(sent);

		simulator.faults().clear();
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(300))
			.until(() -> this.api.get("/api/v1/call-records/" + seriesRecord(70)).status() == 200);
		// half-open lets three calls through; when all succeed, it closes
		for (int i = 0; i < 2; i++) {
			assertThat(this.api.get("/api/v1/call-records/" + seriesRecord(70)).status()).isEqualTo(200);
		}
		assertThat(this.circuitBreakers.circuitBreaker("graph").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void aPoisonRecordPolledHardCostsGraphOneFetchAndNoOtherAppFails() throws Exception {
		String poison = seriesRecord(80);
		simulator.faults().poison("record:" + poison, 500);
		ApiResponses dashboard = new ApiResponses(this.port, simulator.callerTokens().issue("poll-dashboard"));
		double otherAppsGraphCalls = count("graph.client.budget.used", "budget", "app", "caller", "integration-tests");
		// the dashboard polls the poison record while another app reads healthy records
		CompletableFuture<List<Response>> polls = CompletableFuture.supplyAsync(
				() -> IntStream.range(0, 40).mapToObj((i) -> dashboard.get("/api/v1/call-records/" + poison)).toList());
		List<Response> healthy = IntStream.range(81, 93)
			.mapToObj((i) -> this.api.get("/api/v1/call-records/" + seriesRecord(i)))
			.toList();

		assertThat(healthy).allSatisfy((answer) -> assertThat(answer.status()).isEqualTo(200));
		assertThat(polls.get(60, TimeUnit.SECONDS)).allSatisfy((answer) -> {
			assertThat(answer.status()).isEqualTo(503);
			assertThat(answer.json().get("code").asString()).isEqualTo("UPSTREAM_UNAVAILABLE");
			assertThat(Integer.parseInt(answer.header("Retry-After"))).isBetween(1, 120);
		});
		// one fetch of four attempts, then its failure is remembered (twice, should the
		// polls outlast the first ten seconds on a busy machine)
		assertThat(simulator.graphRequests().stream().filter((request) -> request.getUrl().contains(poison)).count())
			.isIn(4L, 8L);
		assertThat(this.circuitBreakers.circuitBreaker("graph").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(
				count("graph.client.budget.used", "budget", "app", "caller", "integration-tests") - otherAppsGraphCalls)
			.isEqualTo(12);
		assertThat(count("callrecords.failures.remembered")).isPositive();
	}

	@Test
	void retriesThrottlingAndCircuitStateAreVisibleInMetrics() {
		String id = seriesRecord(25);
		double retries = count("graph.client.retries", "cause", "throttled", "operation", "get_call_record");
		double throttled = count("graph.client.requests", "operation", "get_call_record", "outcome", "throttled");
		double succeeded = count("graph.client.requests", "operation", "get_call_record", "outcome", "success");
		double waits = count("graph.client.throttle.waits", "operation", "get_call_record");
		simulator.faults().throttle("record:" + id, "0.2");

		assertThat(this.api.get("/api/v1/call-records/" + id).status()).isEqualTo(200);

		assertThat(count("graph.client.retries", "cause", "throttled", "operation", "get_call_record") - retries)
			.isEqualTo(1);
		assertThat(count("graph.client.requests", "operation", "get_call_record", "outcome", "throttled") - throttled)
			.isEqualTo(1);
		assertThat(count("graph.client.requests", "operation", "get_call_record", "outcome", "success") - succeeded)
			.isEqualTo(1);
		assertThat(count("graph.client.throttle.waits", "operation", "get_call_record") - waits).isEqualTo(1);
		String metrics = this.api.getOutsideContract("/actuator/prometheus").body();

		assertThat(metrics).contains("graph_client_retries_total{cause=\"throttled\",operation=\"get_call_record\"}")
			.contains("graph_client_requests_seconds_count{operation=\"get_call_record\",outcome=\"throttled\"}")
			.contains("graph_client_requests_seconds_count{operation=\"get_call_record\",outcome=\"success\"}")
			.contains("graph_client_throttle_waits_seconds_count{operation=\"get_call_record\"}")
			.contains("resilience4j_circuitbreaker_state{name=\"graph\",state=\"closed\"} 1.0")
			.doesNotContain(id);
	}

	private static long millisBetween(LoggedRequest first, LoggedRequest second) {
		return second.getLoggedDate().getTime() - first.getLoggedDate().getTime();
	}

}
