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
import io.callrecords.proxy.cluster.RedisUnavailableException;
import io.callrecords.proxy.cluster.SharedTimers;
import reactor.core.publisher.Mono;

/**
 * What Graph's 429s taught the service: per scope (one call record, or the list) the
 * instant before which Graph must not be asked again, and the same for the whole app once
 * several scopes are throttled together. Every request checks it before calling Graph, so
 * callers share one {@code Retry-After} instead of each earning their own 429.
 * <p>
 * In cluster mode the replicas share the gate: a 429 closes the scope (and the app, when
 * this replica closed it) in Redis too, as a timer that expires with the wait, and every
 * replica looks there as well as in its own gate before calling Graph. Without Redis, or
 * while it fails, the replica's own gate alone decides.
 */
final class ThrottleGate {

	private static final Duration WINDOW = Duration.ofSeconds(20);

	/** The timer of the whole app, in cluster mode. */
	private static final String APP = "gate:app";

	private final Clock clock;

	private final int appThrottleScopes;

	private final Cache<String, Instant> closedUntil = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterWrite(Duration.ofHours(1))
		.build();

	private final Deque<Throttle> recent = new ArrayDeque<>();

	private volatile Instant appClosedUntil = Instant.EPOCH;

	private final SharedTimers shared;

	ThrottleGate(Clock clock, int appThrottleScopes, SharedTimers shared) {
		this.clock = clock;
		this.appThrottleScopes = appThrottleScopes;
		this.shared = shared;
	}

	/**
	 * How long a call in this scope must still wait, here or, in cluster mode, on any
	 * replica.
	 * @param scope the scope
	 * @return the wait, zero when the scope is open
	 */
	Mono<Duration> waitFor(String scope) {
		return Mono.defer(() -> {
			Duration local = localWait(scope);
			if (!this.shared.shared()) {
				return Mono.just(local);
			}
			return this.shared.remaining(timer(scope), APP)
				.map((remote) -> (remote.compareTo(local) > 0) ? remote : local)
				.onErrorResume(RedisUnavailableException.class, (ex) -> Mono.just(local));
		});
	}

	private static String timer(String scope) {
		return "gate:scope:" + scope;
	}

	/**
	 * How long a call in this scope must still wait, by this replica's gate alone.
	 * @param scope the scope
	 * @return the wait, zero when the scope is open
	 */
	Duration localWait(String scope) {
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
	 * @return done once the other replicas can see it (at once in local mode); never
	 * fails
	 */
	Mono<Void> throttled(String scope, Duration retryAfter) {
		boolean appClosed = learn(scope, retryAfter);
		if (!this.shared.shared()) {
			return Mono.empty();
		}
		Mono<Void> shared = this.shared.runFor(timer(scope), retryAfter);
		if (appClosed) {
			shared = shared.then(this.shared.runFor(APP, Duration.between(this.clock.instant(), this.appClosedUntil)));
		}
		return shared.onErrorResume(RedisUnavailableException.class, (ex) -> Mono.empty());
	}

	/**
	 * Learns a 429 in this replica's gate.
	 * @return whether it closed the whole app
	 */
	private boolean learn(String scope, Duration retryAfter) {
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
				return true;
			}
			return false;
		}
	}

	private record Throttle(String scope, Instant at, Instant until) {
	}

}
