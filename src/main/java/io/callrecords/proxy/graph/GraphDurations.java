package io.callrecords.proxy.graph;

import java.math.BigDecimal;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Graph's ISO-8601 durations (such as {@code PT0.016S}) as the decimal milliseconds the
 * API's {@code *Ms} values give: one conversion for records and quality reports alike.
 */
public final class GraphDurations {

	private GraphDurations() {
	}

	/**
	 * A duration in milliseconds, exactly (to the nanosecond).
	 * @param duration the duration
	 * @return the milliseconds, or {@code null} when Graph gave none
	 */
	public static @Nullable Double millis(@Nullable Duration duration) {
		if (duration == null) {
			return null;
		}
		return BigDecimal.valueOf(duration.getSeconds())
			.movePointRight(3)
			.add(BigDecimal.valueOf(duration.getNano()).movePointLeft(6))
			.doubleValue();
	}

}
