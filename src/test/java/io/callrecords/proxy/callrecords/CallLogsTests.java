package io.callrecords.proxy.callrecords;

import java.net.URI;
import java.time.Duration;

import io.callrecords.proxy.graph.FakeGraph;
import io.callrecords.proxy.graph.GraphProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The call logs' rules that depend on configuration: masking phone numbers, and Direct
 * Routing outside the global cloud.
 */
class CallLogsTests {

	private static final String FROM = "2019-11-01T00:00:00Z";

	private static final String TO = "2019-12-01T00:00:00Z";

	private final FakeGraph graph = new FakeGraph();

	@ParameterizedTest
	@CsvSource({ "+14255550100,+*******0100", "+1 (425) 555-0100,+* (***) ***-0100", "+12345678***,+****5678***",
			"1234,1234", "123,123", "'',''" })
	void maskingKeepsTheLastFourDigitsOnly(String number, String masked) {
		assertThat(CallLogs.mask(number)).isEqualTo(masked);
	}

	@Test
	void withMaskingOnBothLogsAnswerMaskedNumbers() {
		CallLogs logs = logs("https://graph.microsoft.com/v1.0", true);

		PstnCall pstn = logs.pstnCalls(FROM, TO, null, null, "request").block().items().get(0);
		DirectRoutingCall directRouting = logs.directRoutingCalls(FROM, TO, null, null, "request")
			.block()
			.items()
			.get(0);

		assertThat(pstn.calleeNumber()).isEqualTo("+******7890");
		assertThat(pstn.callerNumber()).isEqualTo("+******6789");
		assertThat(directRouting.callerNumber()).isEqualTo("+****5678***");
		assertThat(directRouting.calleeNumber()).isEqualTo("+****4567***");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://graph.microsoft.us/v1.0", "https://dod-graph.microsoft.us/v1.0",
			"https://microsoftgraph.chinacloudapi.cn/v1.0" })
	void directRoutingInANationalCloudIsAProblemWithoutCallingGraph(String baseUrl) {
		CallLogs logs = logs(baseUrl, false);

		assertThatExceptionOfType(CallLogs.NotAvailableInCloudException.class)
			.isThrownBy(() -> logs.directRoutingCalls(FROM, TO, null, null, "request"))
			.satisfies((ex) -> {
				assertThat(ex.code().status().value()).isEqualTo(404);
				assertThat(ex.properties()).containsEntry("availability", "GLOBAL_CLOUD_ONLY");
			});
		assertThat(this.graph.requests()).isEmpty();
		// PSTN logs are offered in US Government
		assertThat(logs.pstnCalls(FROM, TO, null, null, "request").block().items()).hasSize(1);
	}

	@Test
	void directRoutingInTheGlobalCloudCallsGraph() {
		CallLogs logs = logs("https://graph.microsoft.com/v1.0", false);

		assertThat(logs.directRoutingCalls(FROM, TO, null, null, "request").block().items()).hasSize(1);
		assertThat(this.graph.requests()).hasSize(1);
	}

	private CallLogs logs(String baseUrl, boolean mask) {
		GraphProperties properties = new GraphProperties("tenant", "client", new GraphProperties.Secret("secret"), null,
				null, URI.create("https://login.microsoftonline.com"), URI.create(baseUrl), null, Duration.ofSeconds(5),
				Duration.ofSeconds(30), DataSize.ofMegabytes(64));
		ApiProperties api = new ApiProperties(null, 5000, mask);
		return new CallLogs(this.graph, new Cursors(api), api, properties);
	}

}
