package io.callrecords.proxy.graph.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.callrecords.proxy.graph.GraphException;
import io.callrecords.proxy.graph.GraphFailure;
import io.callrecords.proxy.graph.GraphResilienceProperties;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import reactor.core.publisher.Mono;

/**
 * How one Graph call is made safely: it waits (without a thread) for the throttle gate
 * and the budget, passes the bulkhead and the circuit breaker, and is retried on 429,
 * 503, 504 and connection failures, honouring {@code Retry-After} or else backing off
 * exponentially with jitter. Everything fits in the request's deadline: when a wait would
 * pass it, the caller is answered at once with the wait as its own {@code Retry-After}.
 * <p>
 * Resilience4j provides the circuit breaker, the bulkhead, the rate limiters and the
 * backoff function; the retry loop is written here because Resilience4j's retry cannot
 * give up early, with the remaining wait, when {@code Retry-After} passes the deadline.
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
	}

	<T> Mono<T> execute(String operation, String scope, Supplier<Mono<T>> call) {
		return Mono.deferContextual((context) -> {
			Instant deadline = GraphDeadline.of(context, this.properties.requestTimeout(), this.clock);
			Duration remaining = Duration.between(this.clock.instant(), deadline);
			if (remaining.isNegative() || remaining.isZero()) {
				return Mono.error(timeout(null));
			}
			return attempt(1, operation, scope, deadline, call).timeout(remaining)
				.onErrorMap(TimeoutException.class, this::timeout);
		}).transformDeferred(this.metrics::active);
	}

	private <T> Mono<T> attempt(int attempt, String operation, String scope, Instant deadline, Supplier<Mono<T>> call) {
		return Mono.defer(() -> {
			Duration gated = this.gate.waitFor(scope);
			if (!gated.isZero()) {
				if (passes(deadline, gated)) {
					return Mono.error(throttled("Graph asked to wait " + gated + " for " + scope, gated));
				}
				this.metrics.throttleWait(operation, gated);
				return Mono.delay(gated).then(attempt(attempt, operation, scope, deadline, call));
			}
			Duration queued = this.budgets.reserve(scope);
			if (passes(deadline, queued)) {
				return Mono.error(throttled("The budget queue is longer than the deadline", queued));
			}
			Mono<T> guarded = timed(operation,
					Mono.defer(call)
						.transformDeferred(CircuitBreakerOperator.of(this.circuitBreaker))
						.transformDeferred(BulkheadOperator.of(this.bulkhead)));
			if (!queued.isZero()) {
				this.metrics.throttleWait(operation, queued);
				guarded = Mono.delay(queued).then(guarded);
			}
			return guarded
				.onErrorResume(GraphException.class, (ex) -> retry(ex, attempt, operation, scope, deadline, call))
				.onErrorMap(CallNotPermittedException.class,
						(ex) -> new GraphException(GraphFailure.UNAVAILABLE,
								"The circuit breaker is open after repeated Graph failures", 0, null, openWait(), ex))
				.onErrorMap(BulkheadFullException.class, (ex) -> {
					this.metrics.budgetRejected("concurrency");
					return new GraphException(GraphFailure.THROTTLED, "Too many concurrent Graph calls", 0, null,
							Duration.ofSeconds(1), ex);
				});
		});
	}

	private <T> Mono<T> retry(GraphException ex, int attempt, String operation, String scope, Instant deadline,
			Supplier<Mono<T>> call) {
		boolean graphThrottled = ex.failure() == GraphFailure.THROTTLED && ex.upstreamStatus() == 429;
		if (graphThrottled) {
			this.gate.throttled(scope, (ex.retryAfter() != null) ? ex.retryAfter() : backoff(attempt));
		}
		if (!retryable(ex)) {
			return Mono.error(ex);
		}
		if (attempt >= this.properties.maxAttempts()) {
			// tell the caller when trying again makes sense, even when Graph did not say
			return Mono.error((ex.retryAfter() != null) ? ex : new GraphException(ex.failure(), ex.getMessage(),
					ex.upstreamStatus(), ex.upstreamRequestId(), backoff(attempt), ex));
		}
		this.metrics.retry(operation, ex.failure().name().toLowerCase(Locale.ROOT));
		if (graphThrottled) {
			// the gate now holds Graph's Retry-After: the next attempt waits there, or
			// answers at once
			return attempt(attempt + 1, operation, scope, deadline, call);
		}
		Duration wait = (ex.retryAfter() != null) ? ex.retryAfter() : backoff(attempt);
		if (passes(deadline, wait)) {
			return Mono.error(new GraphException(ex.failure(), ex.getMessage(), ex.upstreamStatus(),
					ex.upstreamRequestId(), wait, ex));
		}
		return Mono.delay(wait).then(attempt(attempt + 1, operation, scope, deadline, call));
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

}
