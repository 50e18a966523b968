package io.callrecords.proxy.callrecords;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.callrecords.proxy.graph.GraphException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A short memory of call records Graph failed to give: a record that keeps failing (Graph
 * cannot render it, or its expansion always times out) is answered with its last problem
 * and a {@code Retry-After} instead of being fetched again on every poll, so that one
 * dashboard polling it hard costs Graph one fetch per period, not one per poll, and
 * spends nobody else's budget. The period starts at {@code failureTtl} and doubles with
 * each failure in a row, up to {@code failureMaxTtl}; a success forgets the record.
 * <p>
 * Only failures that belong to the record are remembered: Graph's 5xx answers for it, its
 * timeouts, and bodies that could not be read or were too large. Not a missing record,
 * not throttling or the service's own refusals, not failures to reach Graph at all (the
 * circuit breaker's business), nor the app's authentication.
 */
@Component
class RecordFailures {

	private final Duration ttl;

	private final Duration maxTtl;

	private final Clock clock;

	private final Cache<Object, Failure> failures;

	private final Counter answered;

	@Autowired
	RecordFailures(CacheProperties properties, MeterRegistry meters, ObjectProvider<Clock> clock) {
		this(properties, meters, clock.getIfAvailable(Clock::systemUTC));
	}

	RecordFailures(CacheProperties properties, MeterRegistry meters, Clock clock) {
		this.ttl = properties.failureTtl();
		this.maxTtl = properties.failureMaxTtl();
		this.clock = clock;
		// strikes are kept a while after the failure's period, so that a record failing
		// again soon after is remembered longer
		this.failures = Caffeine.newBuilder()
			.maximumSize(10_000)
			.expireAfterWrite(this.maxTtl.multipliedBy(2).plusSeconds(1))
			.build();
		this.answered = Counter.builder("callrecords.failures.remembered")
			.description("Requests answered with a call record's remembered Graph failure instead of a Graph call")
			.register(meters);
	}

	/**
	 * The failure to answer with instead of asking Graph.
	 * @param key the request's cache key
	 * @return the last failure, with the time left as its {@code Retry-After}, or
	 * {@code null} to ask Graph
	 */
	@Nullable GraphException recall(Object key) {
		Failure failure = this.failures.getIfPresent(key);
		if (failure == null) {
			return null;
		}
		Duration left = Duration.between(this.clock.instant(), failure.until());
		if (left.isNegative() || left.isZero()) {
			return null;
		}
		this.answered.increment();
		GraphException last = failure.exception();
		return new GraphException(last.failure(), "Remembered: " + last.getMessage(), last.upstreamStatus(),
				last.upstreamRequestId(), left, null);
	}

	/**
	 * Forgets a record's failures: Graph gave it.
	 * @param key the request's cache key
	 */
	void succeeded(Object key) {
		this.failures.invalidate(key);
	}

	/**
	 * Learns from a failed fetch.
	 * @param key the request's cache key
	 * @param ex how the fetch failed
	 * @return the failure to answer with: when remembered, with the time until the record
	 * is tried again as its {@code Retry-After}, so that callers who honour it are not
	 * answered from memory
	 */
	Throwable failed(Object key, Throwable ex) {
		if (this.ttl.isZero() || !(ex instanceof GraphException failure) || !belongsToRecord(failure)) {
			return ex;
		}
		Instant now = this.clock.instant();
		Failure remembered = this.failures.asMap().compute(key, (k, previous) -> {
			int strikes = (previous != null) ? previous.strikes() + 1 : 1;
			Duration period = this.ttl.multipliedBy(1L << Math.min(strikes - 1, 20));
			if (period.compareTo(this.maxTtl) > 0) {
				period = this.maxTtl;
			}
			if (failure.retryAfter() != null && failure.retryAfter().compareTo(period) > 0) {
				period = failure.retryAfter().compareTo(this.maxTtl) > 0 ? this.maxTtl : failure.retryAfter();
			}
			return new Failure(failure, now.plus(period), strikes);
		});
		return new GraphException(failure.failure(), failure.getMessage(), failure.upstreamStatus(),
				failure.upstreamRequestId(), Duration.between(now, remembered.until()), failure);
	}

	/** Forgets every failure (tests, between cases). */
	void clear() {
		this.failures.invalidateAll();
	}

	private static boolean belongsToRecord(GraphException ex) {
		return switch (ex.failure()) {
			case UNAVAILABLE -> ex.upstreamStatus() >= 500;
			case TIMEOUT, BAD_RESPONSE, RESPONSE_TOO_LARGE, UNEXPECTED_STATUS -> true;
			default -> false;
		};
	}

	private record Failure(GraphException exception, Instant until, int strikes) {
	}

}
