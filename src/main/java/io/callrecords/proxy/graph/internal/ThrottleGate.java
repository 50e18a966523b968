package io.callrecords.proxy.graph.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * What Graph's 429s taught the service: per scope (one call record, or the list) the
 * instant before which Graph must not be asked again, and the same for the whole app once
 * several scopes are throttled together. Every request checks it before calling Graph, so
 * callers share one {@code Retry-After} instead of each earning their own 429.
 */
final class ThrottleGate {

	private static final Duration WINDOW = Duration.ofSeconds(20);

	private final Clock clock;

	private final int appThrottleScopes;

	private final Cache<String, Instant> closedUntil = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterWrite(Duration.ofHours(1))
		.build();

	private final Deque<Throttle> recent = new ArrayDeque<>();

	private volatile Instant appClosedUntil = Instant.EPOCH;

	ThrottleGate(Clock clock, int appThrottleScopes) {
		this.clock = clock;
		this.appThrottleScopes = appThrottleScopes;
	}

	/**
	 * How long a call in this scope must still wait.
	 * @param scope the scope
	 * @return the wait, zero when the scope is open
	 */
	Duration waitFor(String scope) {
		Instant now = this.clock.instant();
		Instant until = this.appClosedUntil;
		Instant scopeUntil = this.closedUntil.getIfPresent(scope);
		if (scopeUntil != null && scopeUntil.isAfter(until)) {
			until = scopeUntil;
		}
		return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
	}

	/**
	 * Records a 429 from Graph.
	 * @param scope the scope of the throttled call
	 * @param retryAfter how long Graph asked to wait
	 */
	void throttled(String scope, Duration retryAfter) {
		Instant now = this.clock.instant();
		Instant until = now.plus(retryAfter);
		this.closedUntil.asMap().merge(scope, until, (a, b) -> a.isAfter(b) ? a : b);
		synchronized (this.recent) {
			this.recent.addLast(new Throttle(scope, now, until));
			while (!this.recent.isEmpty() && this.recent.peekFirst().at().isBefore(now.minus(WINDOW))) {
				this.recent.removeFirst();
			}
			Set<String> scopes = new HashSet<>();
			Instant latest = Instant.EPOCH;
			for (Throttle throttle : this.recent) {
				scopes.add(throttle.scope());
				latest = throttle.until().isAfter(latest) ? throttle.until() : latest;
			}
			if (scopes.size() >= this.appThrottleScopes && latest.isAfter(this.appClosedUntil)) {
				this.appClosedUntil = latest;
			}
		}
	}

	private record Throttle(String scope, Instant at, Instant until) {
	}

}
