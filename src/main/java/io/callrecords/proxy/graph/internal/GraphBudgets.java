package io.callrecords.proxy.graph.internal;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.callrecords.proxy.graph.GraphException;
import io.callrecords.proxy.graph.GraphFailure;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

/**
 * The service's own share of Graph's published budgets (per call record, the list, the
 * whole app), as Bucket4j token buckets refilled once per period: a burst queues for a
 * token up to the budget's longest wait, without a thread waiting, and beyond it is
 * refused with the time until a token is free instead of earning Graph's 429s. Per-record
 * buckets live while their record is in use.
 */
final class GraphBudgets {

	static final String LIST = "list";

	private final Budget app;

	private final Budget list;

	private final Limit recordLimit;

	private final TimeMeter time;

	private final Cache<String, Budget> records;

	private final GraphMetrics metrics;

	GraphBudgets(Limit app, Limit list, Limit record, GraphMetrics metrics, Clock clock) {
		this.time = new ClockTime(clock);
		this.app = new Budget("app", app, this.time);
		this.list = new Budget("list", list, this.time);
		this.recordLimit = record;
		this.metrics = metrics;
		this.records = Caffeine.newBuilder()
			.maximumSize(100_000)
			.expireAfterAccess(record.period().multipliedBy(2))
			.build();
		metrics.budgetAvailable("app", this.app::available);
		metrics.budgetAvailable("list", this.list::available);
	}

	/**
	 * Reserves one Graph call in a scope and in the app's budget.
	 * @param scope {@value #LIST} or a call record's scope
	 * @return how long to wait before the call may be made
	 * @throws GraphException {@code THROTTLED} with the wait until a token is free when
	 * the budget cannot be had within its longest wait
	 */
	Duration reserve(String scope) {
		Budget budget = LIST.equals(scope) ? this.list
				: this.records.get(scope, (name) -> new Budget("record", this.recordLimit, this.time));
		Duration scopeWait = reserve(budget);
		Duration appWait;
		try {
			appWait = reserve(this.app);
		}
		catch (GraphException ex) {
			budget.release();
			throw ex;
		}
		return (scopeWait.compareTo(appWait) >= 0) ? scopeWait : appWait;
	}

	private Duration reserve(Budget budget) {
		long waitNanos = budget.reserve();
		if (waitNanos < 0) {
			this.metrics.budgetRejected(budget.name());
			throw new GraphException(GraphFailure.THROTTLED,
					"The service's " + budget.name() + " budget of Graph requests is used up", 0, null,
					Duration.ofNanos(-waitNanos), null);
		}
		return Duration.ofNanos(waitNanos);
	}

	/**
	 * A budget: so many calls per period, and how long a call may queue for one.
	 *
	 * @param calls the calls per period
	 * @param period the period
	 * @param maxWait the longest a call queues for a token
	 */
	record Limit(int calls, Duration period, Duration maxWait) {
	}

	private static final class Budget {

		private final String name;

		private final Bucket bucket;

		private final long maxWaitNanos;

		Budget(String name, Limit limit, TimeMeter time) {
			this.name = name;
			this.bucket = Bucket.builder()
				.addLimit((bandwidth) -> bandwidth.capacity(limit.calls())
					.refillIntervally(limit.calls(), limit.period()))
				.withCustomTimePrecision(time)
				.build();
			this.maxWaitNanos = limit.maxWait().toNanos();
		}

		String name() {
			return this.name;
		}

		/**
		 * Takes a token now or queues for one.
		 * @return the nanoseconds to wait for the token, or minus the nanoseconds until a
		 * token is free when the queue is longer than the longest wait
		 */
		long reserve() {
			if (this.bucket.tryConsume(1)) {
				return 0;
			}
			long wait = this.bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
			if (wait > this.maxWaitNanos) {
				return -Math.max(wait, 1);
			}
			long reserved = this.bucket.consumeIgnoringRateLimits(1);
			if (reserved > this.maxWaitNanos) {
				// another call queued in between
				this.bucket.addTokens(1);
				return -Math.max(reserved, 1);
			}
			return reserved;
		}

		void release() {
			this.bucket.addTokens(1);
		}

		double available() {
			return this.bucket.getAvailableTokens();
		}

	}

	/** Bucket4j's time from the service's clock, so that tests can move it. */
	private record ClockTime(Clock clock) implements TimeMeter {

		@Override
		public long currentTimeNanos() {
			java.time.Instant now = this.clock.instant();
			return now.getEpochSecond() * 1_000_000_000L + now.getNano();
		}

		@Override
		public boolean isWallClockBased() {
			return true;
		}

	}

}
