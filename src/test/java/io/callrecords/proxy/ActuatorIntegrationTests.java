package io.callrecords.proxy;

import io.callrecords.proxy.ApiResponses.Response;
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
	}

	@Test
	void prometheusExposesHttpServerMetrics() {
		this.api.get("/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5");

		Response metrics = this.api.getOutsideContract("/actuator/prometheus");

		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("http_server_requests_seconds_count");
	}

	@Test
	void endpointsThatCouldLeakConfigurationAreNotExposed() {
		assertThat(this.api.getOutsideContract("/actuator/env").status()).isEqualTo(404);
		assertThat(this.api.getOutsideContract("/actuator/configprops").status()).isEqualTo(404);
		assertThat(this.api.getOutsideContract("/actuator/heapdump").status()).isEqualTo(404);
	}

}
