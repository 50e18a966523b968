package io.callrecords.proxy.graph.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/**
 * Reads Graph's {@code Retry-After} header in every form Graph has been seen to send:
 * whole seconds ({@code 10}), decimal seconds ({@code 2.128}), an HTTP-date, and
 * comma-separated lists ({@code 31,120}), of which the longest wait is taken so that no
 * caller comes back early.
 */
final class RetryAfter {

	private static final Duration MAX = Duration.ofHours(1);

	private RetryAfter() {
	}

	static @Nullable Duration parse(@Nullable String header, Clock clock) {
		if (header == null || header.isBlank()) {
			return null;
		}
		Duration seconds = parseSecondsList(header);
		if (seconds != null) {
			return seconds;
		}
		try {
			Instant at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration wait = Duration.between(clock.instant(), at);
			return clamp(wait.isNegative() ? Duration.ZERO : wait);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static @Nullable Duration parseSecondsList(String header) {
		Duration longest = null;
		for (String part : header.split(",")) {
			String candidate = part.trim();
			if (!candidate.matches("\\d{1,9}(\\.\\d{1,9})?")) {
				return null;
			}
			long millis = new BigDecimal(candidate).movePointRight(3)
				.setScale(0, java.math.RoundingMode.CEILING)
				.longValueExact();
			Duration wait = Duration.ofMillis(millis);
			if (longest == null || wait.compareTo(longest) > 0) {
				longest = wait;
			}
		}
		return (longest != null) ? clamp(longest) : null;
	}

	private static Duration clamp(Duration wait) {
		return (wait.compareTo(MAX) > 0) ? MAX : wait;
	}

}
