package io.callrecords.proxy.graph.internal;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.callrecords.proxy.graph.GraphException;
import io.callrecords.proxy.graph.GraphFailure;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

/**
 * The service's own share of Graph's published budgets (per call record, the list, the
 * whole app), as Resilience4j rate limiters: a burst queues for a permit up to the
 * limiter's timeout, without a thread waiting, and beyond it is refused with the time
 * until the next permit instead of earning Graph's 429s. Per-record limiters live while
 * their record is in use.
 */
final class GraphBudgets {

	static final String LIST = "list";

	private final RateLimiter app;

	private final RateLimiter list;

	private final RateLimiterConfig recordConfig;

	private final Cache<String, RateLimiter> records;

	private final GraphMetrics metrics;

	GraphBudgets(RateLimiter app, RateLimiter list, RateLimiterConfig recordConfig, GraphMetrics metrics) {
		this.app = app;
		this.list = list;
		this.recordConfig = recordConfig;
		this.metrics = metrics;
		this.records = Caffeine.newBuilder()
			.maximumSize(100_000)
			.expireAfterAccess(recordConfig.getLimitRefreshPeriod().multipliedBy(2))
			.build();
	}

	/**
	 * Reserves one Graph call in a scope and in the app's budget.
	 * @param scope {@value #LIST} or a call record's scope
	 * @return how long to wait before the call may be made
	 * @throws GraphException {@code THROTTLED} with the wait until the next permit when
	 * the budget cannot be had within the limiter's timeout
	 */
	Duration reserve(String scope) {
		RateLimiter limiter = LIST.equals(scope) ? this.list
				: this.records.get(scope, (name) -> RateLimiter.of("graph-" + name, this.recordConfig));
		long scopeWait = limiter.reservePermission();
		if (scopeWait < 0) {
			throw refused(LIST.equals(scope) ? "list" : "record", limiter);
		}
		long appWait = this.app.reservePermission();
		if (appWait < 0) {
			throw refused("app", this.app);
		}
		return Duration.ofNanos(Math.max(scopeWait, appWait));
	}

	private GraphException refused(String budget, RateLimiter limiter) {
		this.metrics.budgetRejected(budget);
		long nanos = (limiter instanceof AtomicRateLimiter atomic)
				? Math.max(atomic.getDetailedMetrics().getNanosToWait(), 0) : 0;
		Duration retryAfter = (nanos > 0) ? Duration.ofNanos(nanos)
				: limiter.getRateLimiterConfig().getLimitRefreshPeriod();
		return new GraphException(GraphFailure.THROTTLED,
				"The service's " + budget + " budget of Graph requests is used up", 0, null, retryAfter, null);
	}

}
