package io.callrecords.proxy.graph.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Graph's {@code Retry-After} in each form Graph sends.
 */
class RetryAfterTests {

	private static final Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

	@ParameterizedTest
	@CsvSource(textBlock = """
			10,                            PT10S
			2.128,                         PT2.128S
			0.0001,                        PT0.001S
			'31,120',                      PT2M
			' 5 ',                         PT5S
			'Fri, 27 Nov 2026 10:00:30 GMT', PT30S
			'Fri, 27 Nov 2026 09:59:00 GMT', PT0S
			99999999,                      PT1H
			""")
	void readsEveryFormGraphSends(String header, Duration expected) {
		assertThat(RetryAfter.parse(header, clock)).isEqualTo(expected);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "soon", "-5", "1e3", "10,soon", "Friday" })
	void readsAnythingElseAsNoAdvice(String header) {
		assertThat(RetryAfter.parse(header, clock)).isNull();
	}

}
