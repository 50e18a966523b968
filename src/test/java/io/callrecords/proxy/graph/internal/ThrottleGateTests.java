package io.callrecords.proxy.graph.internal;

import java.time.Duration;
import java.time.Instant;

import io.callrecords.proxy.MovableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The throttle gate: per scope, and for the whole app once several scopes are throttled.
 */
class ThrottleGateTests {

	private final MovableClock clock = new MovableClock(Instant.parse("2026-11-27T10:00:00Z"));

	private final ThrottleGate gate = new ThrottleGate(this.clock, 3, LocalMode.timers());

	@Test
	void aThrottledScopeWaitsForItsRetryAfterAndOthersDoNot() {
		this.gate.throttled("record:a", Duration.ofSeconds(10));

		assertThat(this.gate.localWait("record:a")).isEqualTo(Duration.ofSeconds(10));
		assertThat(this.gate.localWait("record:b")).isZero();
		this.clock.advance(Duration.ofSeconds(4));
		assertThat(this.gate.localWait("record:a")).isEqualTo(Duration.ofSeconds(6));
		this.clock.advance(Duration.ofSeconds(6));
		assertThat(this.gate.localWait("record:a")).isZero();
	}

	@Test
	void aShorterLaterRetryAfterDoesNotReopenTheScopeEarly() {
		this.gate.throttled("list", Duration.ofSeconds(30));
		this.gate.throttled("list", Duration.ofSeconds(2));

		assertThat(this.gate.localWait("list")).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void throttlingOfSeveralScopesTogetherClosesTheWholeApp() {
		this.gate.throttled("record:a", Duration.ofSeconds(5));
		this.gate.throttled("list", Duration.ofSeconds(8));
		assertThat(this.gate.localWait("record:z")).isZero();

		this.gate.throttled("record:b", Duration.ofSeconds(3));

		assertThat(this.gate.localWait("record:z")).isEqualTo(Duration.ofSeconds(8));
	}

	@Test
	void throttlesFurtherApartThanTheWindowDoNotCloseTheApp() {
		this.gate.throttled("record:a", Duration.ofSeconds(1));
		this.clock.advance(Duration.ofSeconds(15));
		this.gate.throttled("record:b", Duration.ofSeconds(1));
		this.clock.advance(Duration.ofSeconds(15));
		this.gate.throttled("record:c", Duration.ofSeconds(1));

		assertThat(this.gate.localWait("record:z")).isZero();
	}

}
