package io.callrecords.proxy.graph.internal;

import java.time.Clock;
import java.time.Instant;

import io.github.bucket4j.TimeMeter;

/**
 * The service's clock as nanoseconds, for Bucket4j's buckets and Caffeine's tickers, so
 * that tests can move the time they keep.
 *
 * @param clock the clock
 */
record ClockTime(Clock clock) implements TimeMeter {

	@Override
	public long currentTimeNanos() {
		Instant now = this.clock.instant();
		return now.getEpochSecond() * 1_000_000_000L + now.getNano();
	}

	@Override
	public boolean isWallClockBased() {
		return true;
	}

}
