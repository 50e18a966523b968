package io.callrecords.proxy.graph.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.callrecords.proxy.graph.GraphException;
import io.callrecords.proxy.graph.GraphFailure;
import io.callrecords.proxy.graph.GraphResilienceProperties;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call policy on its own: waits happen on Reactor's timer (virtual time here, so no
 * test sleeps), budgets queue or refuse, and deadlines turn long waits into an immediate
 * answer.
 */
class GraphCallPolicyTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final AtomicInteger calls = new AtomicInteger();

	@Test
	void aThrottledCallWaitsOnATimerForRetryAfterThenSucceeds() {
		StepVerifier
			.withVirtualTime(() -> policy(unlimited(), Duration.ofSeconds(60)).execute("op", "record:a",
					() -> firstThrottledFor(Duration.ofSeconds(10))))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(9_900))
			.thenAwait(Duration.ofMillis(200))
			.expectNext("ok")
			.verifyComplete();

		assertThat(this.calls).hasValue(2);
		assertThat(this.meters.get("graph.client.retries").tag("cause", "throttled").counter().count()).isEqualTo(1);
	}

	@Test
	void aRetryAfterBeyondTheDeadlineIsAnsweredAtOnceWithTheWait() {
		StepVerifier
			.withVirtualTime(() -> policy(unlimited(), Duration.ofSeconds(10)).execute("op", "record:a",
					() -> firstThrottledFor(Duration.ofSeconds(30))))
			.expectSubscription()
			.expectErrorSatisfies((ex) -> {
				GraphException failure = (GraphException) ex;
				assertThat(failure.failure()).isEqualTo(GraphFailure.THROTTLED);
				assertThat(failure.retryAfter()).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(30));
			})
			.verify(Duration.ofSeconds(5));

		assertThat(this.calls).hasValue(1);
	}

	@Test
	void aBurstBeyondTheBudgetQueuesForTheNextPermit() {
		GraphBudgets.Limit budget = new GraphBudgets.Limit(1, Duration.ofMillis(300), Duration.ofSeconds(1));

		StepVerifier.withVirtualTime(() -> {
			GraphCallPolicy policy = policy(budget, Duration.ofSeconds(10));
			return Mono.zip(policy.execute("op", "record:b", this::ok), policy.execute("op", "record:b", this::ok));
		})
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(250))
			.thenAwait(Duration.ofMillis(100))
			.expectNextCount(1)
			.verifyComplete();

		assertThat(this.calls).hasValue(2);
		assertThat(this.meters.get("graph.client.throttle.waits").timer().count()).isEqualTo(1);
	}

	@Test
	void aBurstBeyondTheBudgetAndItsMaxWaitIsRefusedWithTheTimeUntilTheNextPermit() {
		GraphBudgets.Limit budget = new GraphBudgets.Limit(2, Duration.ofSeconds(20), Duration.ZERO);
		GraphCallPolicy policy = policy(budget, Duration.ofSeconds(10));
		policy.execute("op", "record:c", this::ok).block();
		policy.execute("op", "record:c", this::ok).block();

		StepVerifier.create(policy.execute("op", "record:c", this::ok)).expectErrorSatisfies((ex) -> {
			GraphException failure = (GraphException) ex;
			assertThat(failure.failure()).isEqualTo(GraphFailure.THROTTLED);
			assertThat(failure.upstreamStatus()).isZero();
			assertThat(failure.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(20));
		}).verify();

		assertThat(this.calls).hasValue(2);
		assertThat(this.meters.get("graph.client.budget.rejections").tag("budget", "record").counter().count())
			.isEqualTo(1);
		StepVerifier.create(policy.execute("op", "record:other", this::ok)).expectNext("ok").verifyComplete();
	}

	@Test
	void aGraphThatStallsPastTheDeadlineEndsInATimeoutAtTheDeadline() {
		StepVerifier
			.withVirtualTime(() -> policy(unlimited(), Duration.ofSeconds(20)).execute("op", "record:e",
					() -> Mono.<String>never().doOnSubscribe((subscription) -> this.calls.incrementAndGet())))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(19_900))
			.thenAwait(Duration.ofMillis(200))
			.expectErrorSatisfies((ex) -> assertThat(((GraphException) ex).failure()).isEqualTo(GraphFailure.TIMEOUT))
			.verify(Duration.ofSeconds(5));

		assertThat(this.calls).hasValue(1);
		assertThat(this.meters.get("graph.client.requests.active").gauge().value()).isZero();
	}

	@Test
	void answersOtherThanTransientFailuresAreNotRetried() {
		StepVerifier.create(policy(unlimited(), Duration.ofSeconds(10)).execute("op", "record:d", () -> {
			this.calls.incrementAndGet();
			return Mono.<String>error(new GraphException(GraphFailure.NOT_FOUND, "404", 404, null, null, null));
		})).expectError(GraphException.class).verify();

		assertThat(this.calls).hasValue(1);
	}

	private Mono<String> ok() {
		return Mono.fromSupplier(() -> {
			this.calls.incrementAndGet();
			return "ok";
		});
	}

	private Mono<String> firstThrottledFor(Duration retryAfter) {
		return Mono.defer(() -> (this.calls.incrementAndGet() == 1)
				? Mono.error(new GraphException(GraphFailure.THROTTLED, "429", 429, "rid", retryAfter, null))
				: Mono.just("ok"));
	}

	private static GraphBudgets.Limit unlimited() {
		return new GraphBudgets.Limit(1_000_000, Duration.ofSeconds(1), Duration.ZERO);
	}

	private GraphCallPolicy policy(GraphBudgets.Limit recordBudget, Duration requestTimeout) {
		GraphMetrics metrics = new GraphMetrics(this.meters);
		Clock clock = new SchedulerClock();
		GraphResilienceProperties properties = new GraphResilienceProperties(4, Duration.ofMillis(100),
				Duration.ofMillis(400), requestTimeout, 3);
		return new GraphCallPolicy(properties, new ThrottleGate(clock, 3),
				new GraphBudgets(unlimited(), unlimited(), recordBudget, metrics, clock),
				CircuitBreaker.ofDefaults("graph"), Bulkhead.ofDefaults("graph"), metrics, clock);
	}

	/** A clock that follows Reactor's virtual time when a test installs it. */
	private static final class SchedulerClock extends UtcClock {

		@Override
		public Instant instant() {
			return VirtualTimeScheduler.isFactoryEnabled()
					? Instant.ofEpochMilli(VirtualTimeScheduler.get().now(TimeUnit.MILLISECONDS)) : Instant.now();
		}

	}

}
