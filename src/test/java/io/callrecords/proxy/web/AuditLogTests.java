package io.callrecords.proxy.web;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit line: one per API request, with the fields operators search by, and no field
 * that clashes with the MDC (structured JSON logging refuses duplicate keys).
 */
class AuditLogTests {

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Logger audit = (Logger) LoggerFactory.getLogger("callrecords.audit");

	@BeforeEach
	void capture() {
		this.appender.start();
		this.audit.addAppender(this.appender);
	}

	@AfterEach
	void release() {
		this.audit.detachAppender(this.appender);
		MDC.clear();
	}

	@Test
	void logsOneLineWithTheRequestsFieldsAndNoKeyTheMdcAlreadyHas() throws Exception {
		MDC.put("clientRequestId", "0b4bc7e4-4c2b-4a4d-9e4a-000000000001");
		MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
		MockHttpServletRequest request = new MockHttpServletRequest("GET",
				"/api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5/sessions");
		ApiCall call = ApiCall.start(request, null);
		call.caller("caller-app");
		call.problem(ProblemCode.CALL_RECORD_NOT_FOUND);
		request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE,
				Map.of("id", "e523d2ed-2966-4b6b-925b-754a88034cc5"));
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setStatus(404);

		auditLog().doFilter(request, response, new MockFilterChain());

		assertThat(this.appender.list).singleElement().satisfies((event) -> {
			Set<String> keys = event.getKeyValuePairs().stream().map((pair) -> pair.key).collect(Collectors.toSet());
			assertThat(keys).contains("caller", "operation", "callRecordId", "status", "outcome", "durationMs")
				.doesNotContainAnyElementsOf(event.getMDCPropertyMap().keySet());
			assertThat(event.getFormattedMessage()).contains("caller=caller-app", "clientRequestId=" + call.id(),
					"callRecordId=e523d2ed-2966-4b6b-925b-754a88034cc5", "status=404", "outcome=CALL_RECORD_NOT_FOUND");
		});
	}

	@ParameterizedTest
	@CsvSource(
			textBlock = """
					GET,  401, /api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5/sessions, GET /api/v1/call-records/{id}/sessions, e523d2ed-2966-4b6b-925b-754a88034cc5
					POST, 405, /api/v1/call-records/e523d2ed-2966-4b6b-925b-754a88034cc5,          POST /api/v1/call-records/{id},         e523d2ed-2966-4b6b-925b-754a88034cc5
					GET,  429, /api/v1/call-records,                                               GET /api/v1/call-records,               -
					GET,  404, /api/v1/nothing-here,                                               GET unmatched,                          -
					""")
	void aRequestRefusedBeforeSpringMvcMatchedItIsNamedByItsTemplate(String method, int status, String path,
			String operation, String callRecordId) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		ApiCall.start(request, null);
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setStatus(status);

		auditLog().doFilter(request, response, new MockFilterChain());

		assertThat(this.appender.list).singleElement()
			.satisfies((event) -> assertThat(event.getFormattedMessage()).contains("operation=\"" + operation + "\"",
					"callRecordId=" + callRecordId + " ", "status=" + status));
	}

	@Test
	void leavesNonApiRequestsAlone() throws Exception {
		auditLog().doFilter(new MockHttpServletRequest("GET", "/actuator/health"), new MockHttpServletResponse(),
				new MockFilterChain());

		assertThat(this.appender.list).isEmpty();
	}

	private static AuditLog auditLog() {
		return new AuditLog(() -> List.of("/api/v1/call-records/{id}", "/api/v1/call-records",
				"/api/v1/call-records/{id}/sessions", "/api/v1/call-records/{id}/participants", "/actuator/health"));
	}

}
