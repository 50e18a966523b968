package io.callrecords.proxy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock in UTC that stands still until the test moves it: time-based behaviour
 * (budgets, throttling, remembered failures) is tested without waiting on the wall clock.
 */
public final class MovableClock extends Clock {

	private volatile Instant now;

	public MovableClock() {
		this(Instant.parse("2024-06-01T12:00:00Z"));
	}

	public MovableClock(Instant now) {
		this.now = now;
	}

	/**
	 * Moves the clock forward.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
