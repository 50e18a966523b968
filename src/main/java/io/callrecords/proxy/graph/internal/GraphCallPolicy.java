package io.callrecords.proxy.graph.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.callrecords.proxy.graph.GraphCaller;
import io.callrecords.proxy.graph.GraphException;
import io.callrecords.proxy.graph.GraphFailure;
import io.callrecords.proxy.graph.GraphResilienceProperties;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * How Graph is called safely. Each inbound request passes the circuit breaker once
 * ({@link #guard}); each of its Graph calls ({@link #execute}) waits (without a thread)
 * for the throttle gate and the budget, passes the bulkhead, and is retried on 429, 503,
 * 504 and connection failures, honouring {@code Retry-After} or else backing off
 * exponentially with jitter. Everything fits in the request's deadline: when a wait would
 * pass it, the caller is answered at once with the wait as its own {@code Retry-After}.
 * <p>
 * The circuit breaker opens on signs that Graph itself is unhealthy, not that one of its
 * resources is: an inbound request counts once however many attempts and pages it took,
 * and while the breaker is closed a resource (a record, a list query) that keeps failing
 * counts once per sliding window. Graph's 5xx, timeouts and connection failures are
 * failures; Graph's other answers are successes; the service's own refusals (budget, fair
 * share, throttle gate, bulkhead) are not counted at all.
 * <p>
 * Resilience4j provides the circuit breaker, the bulkhead and the backoff function; the
 * retry loop is written here because Resilience4j's retry cannot give up early, with the
 * remaining wait, when {@code Retry-After} passes the deadline.
 */
final class GraphCallPolicy {

	private final GraphResilienceProperties properties;

	private final ThrottleGate gate;

	private final GraphBudgets budgets;

	private final CircuitBreaker circuitBreaker;

	private final Bulkhead bulkhead;

	private final GraphMetrics metrics;

	private final Clock clock;

	private final IntervalFunction backoff;

	/** Resources whose failure the breaker counted in its current window. */
	private final Cache<String, Boolean> counted;

	GraphCallPolicy(GraphResilienceProperties properties, ThrottleGate gate, GraphBudgets budgets,
			CircuitBreaker circuitBreaker, Bulkhead bulkhead, GraphMetrics metrics, Clock clock) {
		this.properties = properties;
		this.gate = gate;
		this.budgets = budgets;
		this.circuitBreaker = circuitBreaker;
		this.bulkhead = bulkhead;
		this.metrics = metrics;
		this.clock = clock;
		this.backoff = IntervalFunction.ofExponentialRandomBackoff(properties.initialBackoff(), 2.0, 0.5,
				properties.maxBackoff());
		this.counted = Caffeine.newBuilder()
			.maximumSize(100_000)
			.expireAfterWrite(window(circuitBreaker.getCircuitBreakerConfig()))
			.ticker(new ClockTime(clock)::currentTimeNanos)
			.build();
	}

	/**
	 * Passes one inbound request's Graph work through the circuit breaker, counted once.
	 * @param resource what the request reads (a record, a list query), so that a resource
	 * that keeps failing counts once per window
	 * @param work every Graph call of the request
	 * @return the work, refused at once while the breaker is open
	 */
	<T> Mono<T> guard(String resource, Mono<T> work) {
		return Mono.defer(() -> {
			if (!this.circuitBreaker.tryAcquirePermission()) {
				return Mono.error(new GraphException(GraphFailure.UNAVAILABLE,
						"The circuit breaker is open after repeated Graph failures", 0, null, openWait(), null));
			}
			long start = System.nanoTime();
			return work
				.doOnSuccess((value) -> this.circuitBreaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS))
				.doOnError((ex) -> record(resource, ex, System.nanoTime() - start))
				.doOnCancel(this.circuitBreaker::releasePermission);
		});
	}

	private void record(String resource, Throwable ex, long nanos) {
		if (!(ex instanceof GraphException failure) || !graphAnswered(failure)) {
			// the service's own refusal: says nothing about Graph
			this.circuitBreaker.releasePermission();
		}
		else if (!unhealthy(failure)) {
			// Graph answered: it is up
			this.circuitBreaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
		}
		else if (this.circuitBreaker.getState() != CircuitBreaker.State.CLOSED
				|| this.counted.asMap().putIfAbsent(resource, Boolean.TRUE) == null) {
			this.circuitBreaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
		}
		else {
			// this resource's failure is counted already: one bad resource is not an
			// outage
			this.circuitBreaker.releasePermission();
		}
	}

	/**
	 * Whether a failure came from Graph (an answer, a timeout, a failed connection)
	 * rather than from the service's own refusals, which carry no upstream status.
	 */
	private static boolean graphAnswered(GraphException ex) {
		return switch (ex.failure()) {
			case THROTTLED -> ex.upstreamStatus() == 429;
			case OVER_FAIR_SHARE -> false;
			case UNAVAILABLE -> ex.upstreamStatus() > 0 || ex.getCause() != null;
			default -> true;
		};
	}

	/** Graph's 5xx, timeouts and connection failures. */
	private static boolean unhealthy(GraphException ex) {
		return ex.failure() == GraphFailure.UNAVAILABLE || ex.failure() == GraphFailure.TIMEOUT;
	}

	private static Duration window(CircuitBreakerConfig config) {
		return (config.getSlidingWindowType() == CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
				? Duration.ofSeconds(config.getSlidingWindowSize()) : Duration.ofSeconds(60);
	}

	/**
	 * Makes one Graph call, with its waits and retries.
	 * @param operation the operation, for metrics
	 * @param scope the budget scope ({@value GraphBudgets#LIST} or a record's)
	 * @param call the call
	 * @return the call's answer
	 */
	<T> Mono<T> execute(String operation, String scope, Supplier<Mono<T>> call) {
		return Mono.deferContextual((context) -> {
			Instant deadline = GraphDeadline.of(context, this.properties.requestTimeout(), this.clock);
			Duration remaining = Duration.between(this.clock.instant(), deadline);
			if (remaining.isNegative() || remaining.isZero()) {
				return Mono.error(timeout(null));
			}
			Call<T> request = new Call<>(operation, scope, GraphCaller.of(context), deadline, call);
			return attempt(1, request).timeout(remaining).onErrorMap(TimeoutException.class, this::timeout);
		}).transformDeferred(this.metrics::active);
	}

	private <T> Mono<T> attempt(int attempt, Call<T> call) {
		return Mono.defer(() -> this.gate.waitFor(call.scope())).flatMap((gated) -> {
			if (!gated.isZero()) {
				if (passes(call.deadline(), gated)) {
					return Mono.error(throttled("Graph asked to wait " + gated + " for " + call.scope(), gated));
				}
				this.metrics.throttleWait(call.operation(), gated);
				return Mono.delay(gated).then(attempt(attempt, call));
			}
			return reserve(call).flatMap((queued) -> {
				if (passes(call.deadline(), queued)) {
					return Mono.error(throttled("The budget queue is longer than the deadline", queued));
				}
				Mono<T> guarded = timed(call.operation(),
						Mono.defer(call.call()).transformDeferred(BulkheadOperator.of(this.bulkhead)));
				if (!queued.isZero()) {
					this.metrics.throttleWait(call.operation(), queued);
					guarded = Mono.delay(queued).then(guarded);
				}
				return guarded.onErrorResume(GraphException.class, (ex) -> retry(ex, attempt, call))
					.onErrorMap(BulkheadFullException.class, (ex) -> {
						this.metrics.budgetRejected("concurrency");
						return new GraphException(GraphFailure.THROTTLED, "Too many concurrent Graph calls", 0, null,
								Duration.ofSeconds(1), ex);
					});
			});
		});
	}

	/**
	 * Reserves the call's budget: in cluster mode a few blocking round trips to Redis,
	 * made off the event loops.
	 */
	private Mono<Duration> reserve(Call<?> call) {
		Mono<Duration> reserve = Mono.fromCallable(() -> this.budgets.reserve(call.scope(), call.caller()));
		return this.budgets.shared() ? reserve.subscribeOn(Schedulers.boundedElastic()) : reserve;
	}

	private <T> Mono<T> retry(GraphException ex, int attempt, Call<T> call) {
		boolean graphThrottled = ex.failure() == GraphFailure.THROTTLED && ex.upstreamStatus() == 429;
		Mono<Void> learnt = graphThrottled
				? this.gate.throttled(call.scope(), (ex.retryAfter() != null) ? ex.retryAfter() : backoff(attempt))
				: Mono.empty();
		return learnt.then(Mono.defer(() -> retryLearnt(ex, attempt, call, graphThrottled)));
	}

	private <T> Mono<T> retryLearnt(GraphException ex, int attempt, Call<T> call, boolean graphThrottled) {
		if (!retryable(ex)) {
			return Mono.error(ex);
		}
		if (attempt >= this.properties.maxAttempts()) {
			// tell the caller when trying again makes sense, even when Graph did not say
			return Mono.error((ex.retryAfter() != null) ? ex : new GraphException(ex.failure(), ex.getMessage(),
					ex.upstreamStatus(), ex.upstreamRequestId(), backoff(attempt), ex));
		}
		this.metrics.retry(call.operation(), ex.failure().name().toLowerCase(Locale.ROOT));
		if (graphThrottled) {
			// the gate now holds Graph's Retry-After: the next attempt waits there, or
			// answers at once
			return attempt(attempt + 1, call);
		}
		Duration wait = (ex.retryAfter() != null) ? ex.retryAfter() : backoff(attempt);
		if (passes(call.deadline(), wait)) {
			return Mono.error(new GraphException(ex.failure(), ex.getMessage(), ex.upstreamStatus(),
					ex.upstreamRequestId(), wait, ex));
		}
		return Mono.delay(wait).then(attempt(attempt + 1, call));
	}

	/**
	 * Graph's transient failures: 429, 503 and other 5xx, 504 and timeouts, connection
	 * failures. Not the service's own refusals (budget, gate, bulkhead, open circuit),
	 * which carry no upstream status and come with their wait for the caller.
	 */
	private static boolean retryable(GraphException ex) {
		return switch (ex.failure()) {
			case THROTTLED -> ex.upstreamStatus() == 429;
			case UNAVAILABLE, TIMEOUT -> true;
			default -> false;
		};
	}

	private Duration openWait() {
		return Duration
			.ofMillis(this.circuitBreaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1));
	}

	private Duration backoff(int attempt) {
		return Duration.ofMillis(this.backoff.apply(attempt));
	}

	private boolean passes(Instant deadline, Duration wait) {
		return this.clock.instant().plus(wait).isAfter(deadline);
	}

	private <T> Mono<T> timed(String operation, Mono<T> call) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			return call.doOnSuccess((value) -> this.metrics.attempt(operation, since(start), "success"))
				.doOnError((ex) -> this.metrics.attempt(operation, since(start), GraphMetrics.outcome(ex)));
		});
	}

	private static Duration since(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

	private GraphException throttled(String message, Duration retryAfter) {
		return new GraphException(GraphFailure.THROTTLED, message, 0, null, retryAfter, null);
	}

	private GraphException timeout(Throwable cause) {
		return new GraphException(GraphFailure.TIMEOUT,
				"Graph did not answer within the request's deadline of " + this.properties.requestTimeout(), cause);
	}

	/**
	 * One Graph call of a request and what the policy needs to know about it.
	 *
	 * @param operation the operation, for metrics
	 * @param scope the budget and throttling scope
	 * @param caller the calling app, for its fair share of the budgets
	 * @param deadline the request's deadline
	 * @param call makes the call
	 */
	private record Call<T>(String operation, String scope, String caller, Instant deadline, Supplier<Mono<T>> call) {
	}

}
