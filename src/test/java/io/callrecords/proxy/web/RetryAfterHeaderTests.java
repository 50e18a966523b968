package io.callrecords.proxy.web;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one rule for {@code Retry-After} values the service sends: whole seconds, rounded
 * up, never zero, so that no caller comes back early.
 */
class RetryAfterHeaderTests {

	@ParameterizedTest
	@CsvSource(textBlock = """
			0,          1
			1,          1
			999,        1
			1000,       1
			1001,       2
			4500,       5
			20000,      20
			-5,         1
			""")
	void waitsAreWholeSecondsRoundedUpAndAtLeastOne(long millis, String header) {
		assertThat(Problems.retryAfter(Duration.ofMillis(millis))).isEqualTo(header);
	}

}
