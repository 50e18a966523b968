package io.callrecords.proxy.graph.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.callrecords.proxy.graph.GraphCaller;
import io.callrecords.proxy.graph.GraphException;
import io.callrecords.proxy.graph.GraphFailure;
import io.callrecords.proxy.graph.GraphResilienceProperties;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
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

	@Test
	void aResourceThatKeepsFailingCountsOnceAndDoesNotOpenTheBreaker() {
		CircuitBreaker breaker = breaker();
		GraphCallPolicy policy = policy(unlimited(), Duration.ofSeconds(10), 1, breaker, GraphBudgets.Shares.NONE);

		for (int i = 0; i < 20; i++) {
			StepVerifier.create(policy.guard("record:poison", policy.execute("op", "record:poison", this::failing500)))
				.expectError(GraphException.class)
				.verify();
		}
		for (int i = 0; i < 5; i++) {
			StepVerifier
				.create(policy.guard("record:healthy" + i, policy.execute("op", "record:healthy" + i, this::ok)))
				.expectNext("ok")
				.verifyComplete();
		}

		assertThat(this.calls).hasValue(25);
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isOne();
	}

	@Test
	void failuresSpreadOverResourcesOpenTheBreakerAndItRefusesWithoutCallingGraph() {
		CircuitBreaker breaker = breaker();
		GraphCallPolicy policy = policy(unlimited(), Duration.ofSeconds(10), 1, breaker, GraphBudgets.Shares.NONE);

		for (int i = 0; i < 5; i++) {
			String resource = "record:" + i;
			StepVerifier.create(policy.guard(resource, policy.execute("op", resource, this::failing500)))
				.expectError(GraphException.class)
				.verify();
		}

		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		StepVerifier.create(policy.guard("record:5", policy.execute("op", "record:5", this::ok)))
			.expectErrorSatisfies((ex) -> {
				GraphException failure = (GraphException) ex;
				assertThat(failure.failure()).isEqualTo(GraphFailure.UNAVAILABLE);
				assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(15));
			})
			.verify();
		assertThat(this.calls).hasValue(5);
	}

	@Test
	void oneRequestCountsOnceHoweverManyAttemptsItMade() {
		CircuitBreaker breaker = breaker();

		StepVerifier.withVirtualTime(() -> {
			GraphCallPolicy policy = policy(unlimited(), Duration.ofSeconds(10), 4, breaker, GraphBudgets.Shares.NONE);
			return policy.guard("record:a", policy.execute("op", "record:a", this::failing503));
		}).expectSubscription().thenAwait(Duration.ofSeconds(10)).expectError(GraphException.class).verify();

		assertThat(this.calls).hasValue(4);
		assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isOne();
		assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isOne();
	}

	@Test
	void theServicesOwnRefusalsAndGraphsOtherAnswersAreNotFailures() {
		CircuitBreaker breaker = breaker();
		GraphCallPolicy policy = policy(new GraphBudgets.Limit(1, Duration.ofSeconds(20), Duration.ZERO),
				Duration.ofSeconds(10), 1, breaker, GraphBudgets.Shares.NONE);
		policy.guard("record:a", policy.execute("op", "record:a", this::ok)).block();

		for (int i = 0; i < 10; i++) {
			StepVerifier.create(policy.guard("record:a", policy.execute("op", "record:a", this::ok)))
				.expectErrorSatisfies(
						(ex) -> assertThat(((GraphException) ex).failure()).isEqualTo(GraphFailure.THROTTLED))
				.verify();
			StepVerifier
				.create(policy.guard("record:n" + i,
						policy.execute("op", "record:n" + i,
								() -> Mono.<String>error(
										new GraphException(GraphFailure.NOT_FOUND, "404", 404, null, null, null)))))
				.expectError(GraphException.class)
				.verify();
		}

		assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
		assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(11);
	}

	@Test
	void aGreedyAppIsHeldToItsShareWhileAPoliteAppIsAlwaysServed() {
		GraphBudgets.Limit list = new GraphBudgets.Limit(40, Duration.ofSeconds(20), Duration.ofSeconds(2));
		AtomicInteger greedyServed = new AtomicInteger();
		AtomicInteger greedyOverShare = new AtomicInteger();
		List<Long> greedyAlone = new CopyOnWriteArrayList<>();
		List<Object> polite = new CopyOnWriteArrayList<>();

		StepVerifier.withVirtualTime(() -> {
			GraphCallPolicy policy = policy(list, unlimited(), Duration.ofSeconds(10), 1, breaker(),
					new GraphBudgets.Shares(true, Map.of()));
			// three threads asking as fast as they can (every 50 ms), for 60 s
			Flux<String> greedy = Flux.interval(Duration.ofMillis(50))
				.take(Duration.ofSeconds(60))
				.flatMap((tick) -> Flux.range(0, 3))
				.flatMap((thread) -> policy.execute("list", GraphBudgets.LIST, this::ok)
					.contextWrite(GraphCaller.is("greedy"))
					.doOnNext((ok) -> greedyServed.incrementAndGet())
					.onErrorResume(GraphException.class, (ex) -> {
						if (ex.failure() == GraphFailure.OVER_FAIR_SHARE) {
							greedyOverShare.incrementAndGet();
						}
						else {
							greedyAlone.add(VirtualTimeScheduler.get().now(TimeUnit.MILLISECONDS));
						}
						return Mono.empty();
					}));
			// and a page every 3 s
			Flux<Object> politeApp = Flux.interval(Duration.ofSeconds(1), Duration.ofSeconds(3))
				.take(Duration.ofSeconds(60))
				.concatMap((tick) -> policy.execute("list", GraphBudgets.LIST, this::ok)
					.contextWrite(GraphCaller.is("polite"))
					.<Object>map((ok) -> ok)
					.onErrorResume((ex) -> Mono.just(ex)))
				.doOnNext(polite::add);
			return Flux.merge(greedy, politeApp).then();
		}).expectSubscription().thenAwait(Duration.ofSeconds(70)).verifyComplete();

		assertThat(polite).hasSize(20).allMatch("ok"::equals);
		assertThat(greedyOverShare).hasPositiveValue();
		// before the polite app came, the greedy app alone could use the whole budget,
		// and
		// beyond it was refused as Graph's budget used up (503), not as over its share
		assertThat(greedyAlone).isNotEmpty().allMatch((millis) -> millis < 1000);
		// the budget held: 40 at first, then 2 a second
		assertThat(this.calls.get()).isLessThanOrEqualTo(40 + 2 * 61);
		assertThat(greedyServed.get()).isGreaterThan(this.calls.get() - 20 - 1 - 40);
	}

	private Mono<String> failing500() {
		return Mono.defer(() -> {
			this.calls.incrementAndGet();
			return Mono.error(new GraphException(GraphFailure.UNAVAILABLE, "500", 500, null, null, null));
		});
	}

	private Mono<String> failing503() {
		return Mono.defer(() -> {
			this.calls.incrementAndGet();
			return Mono.error(new GraphException(GraphFailure.UNAVAILABLE, "503", 503, null, null, null));
		});
	}

	private static CircuitBreaker breaker() {
		return CircuitBreaker.of("graph",
				CircuitBreakerConfig.custom()
					.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
					.slidingWindowSize(30)
					.minimumNumberOfCalls(5)
					.failureRateThreshold(50)
					.waitDurationInOpenState(Duration.ofSeconds(15))
					.build());
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
		return policy(recordBudget, requestTimeout, 4, CircuitBreaker.ofDefaults("graph"), GraphBudgets.Shares.NONE);
	}

	private GraphCallPolicy policy(GraphBudgets.Limit recordBudget, Duration requestTimeout, int maxAttempts,
			CircuitBreaker breaker, GraphBudgets.Shares shares) {
		return policy(unlimited(), recordBudget, requestTimeout, maxAttempts, breaker, shares);
	}

	private GraphCallPolicy policy(GraphBudgets.Limit listBudget, GraphBudgets.Limit recordBudget,
			Duration requestTimeout, int maxAttempts, CircuitBreaker breaker, GraphBudgets.Shares shares) {
		GraphMetrics metrics = new GraphMetrics(this.meters);
		Clock clock = new SchedulerClock();
		GraphResilienceProperties properties = new GraphResilienceProperties(maxAttempts, Duration.ofMillis(100),
				Duration.ofMillis(400), requestTimeout, 3);
		return new GraphCallPolicy(
				properties, new ThrottleGate(clock, 3, LocalMode.timers()), new GraphBudgets(unlimited(), listBudget,
						recordBudget, unlimited(), unlimited(), shares, metrics, clock, LocalMode.link()),
				breaker, Bulkhead.ofDefaults("graph"), metrics, clock);
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
