package io.callrecords.proxy;

import io.callrecords.proxy.ApiResponses.Response;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operational endpoints a platform team scrapes and probes, and nothing more.
 */
class ActuatorIntegrationTests extends IntegrationTestSupport {

	@Test
	void healthAndProbesAreUpWithoutCallingGraph() {
		assertThat(this.api.getOutsideContract("/actuator/health").body()).contains("\"status\":\"UP\"");
		assertThat(this.api.getOutsideContract("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(this.api.getOutsideContract("/actuator/health/readiness").status()).isEqualTo(200);
		assertThat(simulator.graphRequests()).isEmpty();
	}

	@Test
	void infoTellsWhichBuildRuns() {
		Response info = this.api.getOutsideContract("/actuator/info");

		assertThat(info.json().path("build").path("artifact").asString()).isEqualTo("callrecords-proxy");
		assertThat(info.json().path("git").path("commit").path("id").asString()).isNotBlank();
	}

	@Test
	void prometheusExposesHttpServerMetrics() {
		this.api.get("/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5");

		Response metrics = this.api.getOutsideContract("/actuator/prometheus");

		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("http_server_requests_seconds_count");
	}

	@Test
	void theServicesOwnMetersAppearAfterARequestWithLowCardinalityTags() {
		String record = "c3ad8c4b-4a87-4ab1-bef0-284d2f40ed9f";
		double graphCalls = count("graph.client.requests", "operation", "get_call_record", "outcome", "success");
		double allowed = count("api.caller.quota", "outcome", "allowed");

		assertThat(this.api.get("/api/v1/call-records/" + record).status()).isEqualTo(200);

		assertThat(count("graph.client.requests", "operation", "get_call_record", "outcome", "success") - graphCalls)
			.isEqualTo(1);
		assertThat(count("api.caller.quota", "outcome", "allowed") - allowed).isEqualTo(1);

		String metrics = this.api.getOutsideContract("/actuator/prometheus").body();

		assertThat(metrics)
			.contains("graph_client_requests_seconds_count{operation=\"get_call_record\",outcome=\"success\"}")
			.contains("api_caller_quota_total{outcome=\"allowed\"}")
			.contains("resilience4j_circuitbreaker_state{name=\"graph\",state=\"closed\"}")
			.contains("graph_client_budget_available{budget=\"app\"}")
			.contains("graph_client_budget_available{budget=\"list\"}")
			.contains("http_client_requests_seconds_count")
			.contains("http_server_requests_seconds_count")
			.doesNotContain(record);
	}

	@Test
	void aCallersTraceparentReachesGraphInTheSameTrace() {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

		this.api.send("/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5", CALLER_TOKEN,
				Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));

		assertThat(simulator.graphRequests()).singleElement()
			.satisfies((request) -> assertThat(request.getHeader("traceparent")).startsWith("00-" + traceId + "-"));
	}

	@Test
	void endpointsThatCouldLeakConfigurationAreNotExposed() {
		assertThat(this.api.getOutsideContract("/actuator/env").status()).isEqualTo(404);
		assertThat(this.api.getOutsideContract("/actuator/configprops").status()).isEqualTo(404);
		assertThat(this.api.getOutsideContract("/actuator/heapdump").status()).isEqualTo(404);
	}

}
