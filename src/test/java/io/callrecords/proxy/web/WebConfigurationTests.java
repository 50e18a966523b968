package io.callrecords.proxy.web;

import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.callrecords.proxy.ApiSliceTestSupport;
import io.callrecords.proxy.graph.FakeGraph;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the service serves besides the API, and how it names what it refused, in front of
 * a fake Graph.
 */
class WebConfigurationTests extends ApiSliceTestSupport {

	@Test
	void theContractIsServedAsYaml() {
		MvcTestResult result = this.mvc.get().uri("/api-spec.yaml").exchange();

		assertThat(result).hasStatusOk();
		assertThat(result.getResponse().getContentType()).startsWith("application/yaml");
	}

	@Test
	void docsAndDocsWithASlashRedirectToTheUi() {
		for (String path : List.of("/docs", "/docs/")) {
			MvcTestResult result = this.mvc.get().uri(path).exchange();

			assertThat(result).hasStatus3xxRedirection();
			assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/docs/index.html");
		}
	}

	@Test
	void theFaviconNeedsNoToken() {
		MvcTestResult result = this.mvc.get().uri("/favicon.ico").exchange();

		assertThat(result.getResponse().getStatus()).isEqualTo(HttpStatus.NOT_FOUND.value());
		assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).isNull();
	}

	@Test
	void requestsRefusedBeforeTheirOperationAreAuditedWithTheOperationsTemplate() {
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		Logger audit = (Logger) LoggerFactory.getLogger("callrecords.audit");
		appender.start();
		audit.addAppender(appender);
		try {
			this.mvc.get().uri("/api/v1/call-records/" + FakeGraph.RECORD).exchange();
			this.mvc.post().uri("/api/v1/call-records/" + FakeGraph.RECORD + "/sessions").with(caller()).exchange();
		}
		finally {
			audit.detachAppender(appender);
		}

		assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
			.satisfiesExactly(
					(line) -> assertThat(line).contains("operation=\"GET /api/v1/call-records/{id}\"", "status=401"),
					(line) -> assertThat(line).contains("operation=\"POST /api/v1/call-records/{id}/sessions\"",
							"status=405"));
	}

}
