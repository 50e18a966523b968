package io.callrecords.proxy.web;

import io.callrecords.proxy.ApiSliceTestSupport;
import io.callrecords.proxy.graph.CallRecordRequest;
import io.callrecords.proxy.graph.FakeGraph;
import io.callrecords.proxy.graph.GraphIds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Correlation: a caller's {@code client-request-id} that is a GUID becomes the request's
 * id, sent to Graph and returned; anything else is replaced, never reflected.
 */
class RequestIdsTests extends ApiSliceTestSupport {

	private static final String RECORD = "/api/v1/call-records/" + FakeGraph.RECORD;

	@ParameterizedTest
	@ValueSource(strings = { "5da93eeb-ce1f-4633-8adf-22ea7183110b", "5DA93EEB-CE1F-4633-8ADF-22EA7183110B" })
	void aCallersGuidIsTheRequestIdSentToGraphAndReturned(String id) {
		MvcTestResult result = this.mvc.get().uri(RECORD).header("client-request-id", id).with(caller()).exchange();

		assertThat(result).hasStatusOk();
		assertThat(result.getResponse().getHeader("client-request-id")).isEqualTo(id.toLowerCase());
		assertThat(this.graph.requests()).singleElement()
			.isInstanceOfSatisfying(CallRecordRequest.class,
					(request) -> assertThat(request.clientRequestId()).isEqualTo(id.toLowerCase()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "5da93eeb-ce1f-4633-8adf-22ea7183110b" })
	void aCallersGuidIsTheClientRequestIdOfProblems(String id) {
		MvcTestResult result = this.mvc.get()
			.uri("/api/v1/call-records/not-a-guid")
			.header("client-request-id", id)
			.with(caller())
			.exchange();

		assertThat(problem(result, HttpStatus.BAD_REQUEST, "INVALID_REQUEST").path("clientRequestId").asString())
			.isEqualTo(id);
	}

	@ParameterizedTest
	@ValueSource(strings = { "my-request", "<script>alert(1)</script>", "5da93eeb-ce1f-4633-8adf-22ea7183110bx",
			"5da93eeb-ce1f-4633-8adf-22ea7183110b\r\nX-Injected: 1", "{5da93eeb-ce1f-4633-8adf-22ea7183110b}", " " })
	void anythingElseIsReplacedAndNeverReflected(String sent) {
		MvcTestResult result = this.mvc.get().uri(RECORD).header("client-request-id", sent).with(caller()).exchange();

		String id = result.getResponse().getHeader("client-request-id");
		assertThat(GraphIds.isGuid(id)).isTrue();
		assertThat(id).isNotEqualTo(sent);
		assertThat(result).body().asString().doesNotContain(sent.trim().isEmpty() ? "\u0000" : sent);
		assertThat(this.graph.requests()).singleElement()
			.isInstanceOfSatisfying(CallRecordRequest.class,
					(request) -> assertThat(request.clientRequestId()).isEqualTo(id));
	}

}
