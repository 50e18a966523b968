package io.callrecords.proxy.web;

import java.io.IOException;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.catalina.connector.ClientAbortException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A caller that goes away while its answer is written is not the service's failure: no
 * error and no stack trace in the log (wrk's or a dashboard's timeouts would fill it),
 * while the service's own failures still are errors.
 */
class ProblemAdviceTests {

	private final ProblemAdvice advice = new ProblemAdvice();

	private final ListAppender<ILoggingEvent> log = new ListAppender<>();

	private final Logger logger = (Logger) LoggerFactory.getLogger(ProblemAdvice.class);

	@BeforeEach
	void captureLog() {
		this.log.start();
		this.logger.addAppender(this.log);
	}

	@AfterEach
	void releaseLog() {
		this.logger.detachAppender(this.log);
	}

	@Test
	void aCallerThatClosedTheConnectionWhileItsAnswerWasWrittenIsNoError() {
		HttpMessageNotWritableException writing = new HttpMessageNotWritableException("Could not write JSON",
				new ClientAbortException(new IOException("Broken pipe")));

		assertThat(internal(writing)).isNull();
		assertThat(this.advice.unexpected(new ClientAbortException(new IOException("Connection reset by peer"))))
			.isNull();
		assertThat(this.log.list).noneMatch((event) -> event.getLevel().isGreaterOrEqual(Level.WARN));
	}

	@Test
	void theServicesOwnFailuresAreStillErrorsWithAProblem() {
		HttpMessageNotWritableException writing = new HttpMessageNotWritableException("No converter",
				new IllegalStateException("a bug"));

		assertThat(internal(writing).getStatusCode().value()).isEqualTo(500);
		assertThat(this.advice.unexpected(new IllegalStateException("a bug")).getStatusCode().value()).isEqualTo(500);
		assertThat(this.log.list).filteredOn((event) -> event.getLevel() == Level.ERROR).hasSize(2);
	}

	private org.springframework.http.ResponseEntity<Object> internal(Exception ex) {
		return this.advice.handleExceptionInternal(ex, null, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR,
				new ServletWebRequest(new MockHttpServletRequest()));
	}

}
