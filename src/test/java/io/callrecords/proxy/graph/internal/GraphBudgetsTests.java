package io.callrecords.proxy.graph.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.callrecords.proxy.MovableClock;
import io.callrecords.proxy.graph.GraphException;
import io.callrecords.proxy.graph.GraphFailure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The service's share of Graph's budgets, on a clock the test moves: calls within the
 * budget go at once, a burst queues up to the longest wait, and beyond it the call is
 * refused with the exact time until a token is free.
 */
class GraphBudgetsTests {

	private static final GraphBudgets.Shares FAIR = new GraphBudgets.Shares(true, Map.of());

	private final MovableClock clock = new MovableClock();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void callsWithinTheBudgetGoAtOnce() {
		GraphBudgets budgets = budgets(new GraphBudgets.Limit(2, Duration.ofSeconds(20), Duration.ZERO));

		assertThat(budgets.reserve("record:a", "app-1")).isZero();
		assertThat(budgets.reserve("record:a", "app-1")).isZero();
		assertThat(budgets.reserve("record:b", "app-1")).isZero();
	}

	@Test
	void aBurstQueuesForTheNextPeriodUpToTheLongestWait() {
		GraphBudgets budgets = budgets(new GraphBudgets.Limit(1, Duration.ofSeconds(2), Duration.ofSeconds(4)));
		budgets.reserve("record:a", "app-1");

		assertThat(budgets.reserve("record:a", "app-1")).isEqualTo(Duration.ofSeconds(2));
		this.clock.advance(Duration.ofMillis(500));
		assertThat(budgets.reserve("record:a", "app-1")).isEqualTo(Duration.ofMillis(3500));
		assertThatExceptionOfType(GraphException.class).isThrownBy(() -> budgets.reserve("record:a", "app-1"))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofMillis(5500)));
	}

	@Test
	void beyondTheLongestWaitACallIsRefusedWithTheTimeUntilATokenIsFree() {
		GraphBudgets budgets = budgets(new GraphBudgets.Limit(2, Duration.ofSeconds(20), Duration.ZERO));
		budgets.reserve("record:a", "app-1");
		budgets.reserve("record:a", "app-1");
		this.clock.advance(Duration.ofSeconds(5));

		assertThatExceptionOfType(GraphException.class).isThrownBy(() -> budgets.reserve("record:a", "app-1"))
			.satisfies((ex) -> {
				assertThat(ex.failure()).isEqualTo(GraphFailure.THROTTLED);
				assertThat(ex.upstreamStatus()).isZero();
				// refilled smoothly: a token every 10 s, half of one there already
				assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(5));
			});
		assertThat(this.meters.get("graph.client.budget.rejections").tag("budget", "record").counter().count()).isOne();
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(budgets.reserve("record:a", "app-1")).isZero();
	}

	@Test
	void aCallRefusedByTheAppsBudgetGivesItsRecordsTokenBack() {
		GraphBudgets budgets = new GraphBudgets(new GraphBudgets.Limit(1, Duration.ofSeconds(1), Duration.ZERO),
				unlimited(), new GraphBudgets.Limit(1, Duration.ofSeconds(20), Duration.ZERO), unlimited(), unlimited(),
				FAIR, new GraphMetrics(this.meters), this.clock, LocalMode.link());
		budgets.reserve("record:a", "app-1");

		assertThatExceptionOfType(GraphException.class).isThrownBy(() -> budgets.reserve("record:b", "app-1"));
		assertThat(this.meters.get("graph.client.budget.rejections").tag("budget", "app").counter().count()).isOne();
		// the app's budget is back after a second; record b's would not be for 20 s had
		// its token not been given back
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(budgets.reserve("record:b", "app-1")).isZero();
	}

	@Test
	void theSharedBudgetsShowWhatIsLeft() {
		GraphBudgets budgets = budgets(unlimited());
		budgets.reserve("list", "app-1");

		assertThat(this.meters.get("graph.client.budget.available").tag("budget", "list").gauge().value())
			.isEqualTo(999_999);
	}

	@Test
	void anAppAloneMayUseTheWholeBudget() {
		GraphBudgets budgets = listBudget(10, FAIR);

		for (int i = 0; i < 10; i++) {
			assertThat(budgets.reserve("list", "greedy")).isZero();
		}
		assertThat(this.meters.get("graph.client.budget.used")
			.tag("budget", "list")
			.tag("caller", "greedy")
			.counter()
			.count()).isEqualTo(10);
	}

	@Test
	void anAppOverItsShareIsRefusedWhileAnotherAppWaitsAndTheOtherIsServed() {
		GraphBudgets budgets = listBudget(10, FAIR);
		for (int i = 0; i < 10; i++) {
			budgets.reserve("list", "greedy");
		}

		// the polite app is within its share (5 of 10): it queues for the next token, 2 s
		assertThat(budgets.reserve("list", "polite")).isEqualTo(Duration.ofSeconds(2));
		// the greedy app used 10, its share is now 5: refused, its own doing
		assertThatExceptionOfType(GraphException.class).isThrownBy(() -> budgets.reserve("list", "greedy"))
			.satisfies((ex) -> {
				assertThat(ex.failure()).isEqualTo(GraphFailure.OVER_FAIR_SHARE);
				assertThat(ex.retryAfter()).isPositive();
			});
		assertThat(this.meters.get("graph.client.fair.share.refusals").tag("caller", "greedy").counter().count())
			.isOne();
		// tokens refilled meanwhile are kept for the polite app's unused share
		this.clock.advance(Duration.ofSeconds(8));
		assertThat(budgets.reserve("list", "polite")).isZero();
		assertThatExceptionOfType(GraphException.class).isThrownBy(() -> budgets.reserve("list", "greedy"));
	}

	@Test
	void anAppOverItsShareMayUseWhatTheOthersLeaveUnclaimed() {
		GraphBudgets budgets = listBudget(10, FAIR);
		for (int i = 0; i < 9; i++) {
			budgets.reserve("list", "greedy");
		}
		budgets.reserve("list", "polite");
		// 18 s later: 9 tokens are back, the polite app claims 4 more of its share of 5
		this.clock.advance(Duration.ofSeconds(18));

		for (int i = 0; i < 5; i++) {
			assertThat(budgets.reserve("list", "greedy")).isZero();
		}
		assertThatExceptionOfType(GraphException.class).isThrownBy(() -> budgets.reserve("list", "greedy"));
		for (int i = 0; i < 4; i++) {
			assertThat(budgets.reserve("list", "polite")).isZero();
		}
	}

	@Test
	void sharesFollowTheWeights() {
		GraphBudgets budgets = listBudget(8, new GraphBudgets.Shares(true, Map.of("dashboard", 3)));
		budgets.reserve("list", "reports");
		this.clock.advance(Duration.ofSeconds(20));

		// the dashboard's share is 6 of 8, the reports' 2 (1 used, 1 still claimed): of
		// the
		// 8 tokens, the dashboard gets its 6 and the 1 nobody claims
		for (int i = 0; i < 7; i++) {
			assertThat(budgets.reserve("list", "dashboard")).isZero();
		}
		assertThatExceptionOfType(GraphException.class).isThrownBy(() -> budgets.reserve("list", "dashboard"))
			.satisfies((ex) -> assertThat(ex.failure()).isEqualTo(GraphFailure.OVER_FAIR_SHARE));
		assertThat(budgets.reserve("list", "reports")).isZero();
	}

	@Test
	void anAppThatStoppedAskingNoLongerHoldsAShare() {
		GraphBudgets budgets = listBudget(10, FAIR);
		budgets.reserve("list", "polite");
		this.clock.advance(Duration.ofSeconds(21));

		for (int i = 0; i < 10; i++) {
			assertThat(budgets.reserve("list", "greedy")).isZero();
		}
	}

	@Test
	void withoutFairSharesTheFirstComeAreServed() {
		GraphBudgets budgets = listBudget(10, GraphBudgets.Shares.NONE);
		budgets.reserve("list", "polite");

		for (int i = 0; i < 9; i++) {
			assertThat(budgets.reserve("list", "greedy")).isZero();
		}
		// behind the greedy app: the next token in 2 s, the one after beyond the longest
		// wait
		assertThat(budgets.reserve("list", "polite")).isEqualTo(Duration.ofSeconds(2));
		assertThatExceptionOfType(GraphException.class).isThrownBy(() -> budgets.reserve("list", "polite"))
			.satisfies((ex) -> assertThat(ex.failure()).isEqualTo(GraphFailure.THROTTLED));
	}

	@Test
	void eachCallLogHasItsOwnBudgetApartFromTheCallRecordsBudgets() {
		GraphBudgets budgets = new GraphBudgets(new GraphBudgets.Limit(1, Duration.ofSeconds(20), Duration.ZERO),
				unlimited(), unlimited(), unlimited(), new GraphBudgets.Limit(2, Duration.ofSeconds(60), Duration.ZERO),
				FAIR, new GraphMetrics(this.meters), this.clock, LocalMode.link());
		// the call records' app budget is used up; the call logs do not count against it
		budgets.reserve("list", "app-1");

		for (int i = 0; i < 2; i++) {
			assertThat(budgets.reserve(GraphBudgets.PSTN_CALLS, "app-1")).isZero();
			assertThat(budgets.reserve(GraphBudgets.DIRECT_ROUTING_CALLS, "app-1")).isZero();
		}
		assertThatExceptionOfType(GraphException.class)
			.isThrownBy(() -> budgets.reserve(GraphBudgets.PSTN_CALLS, "app-1"))
			.satisfies((ex) -> {
				assertThat(ex.failure()).isEqualTo(GraphFailure.THROTTLED);
				// refilled smoothly: a token every 30 s
				assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(30));
			});
		assertThat(this.meters.get("graph.client.budget.rejections").tag("budget", "pstn_calls").counter().count())
			.isOne();
	}

	@Test
	void bothCallLogsShareTheCallLogAppBudget() {
		GraphBudgets budgets = new GraphBudgets(unlimited(), unlimited(), unlimited(),
				new GraphBudgets.Limit(3, Duration.ofSeconds(60), Duration.ZERO), unlimited(), FAIR,
				new GraphMetrics(this.meters), this.clock, LocalMode.link());
		budgets.reserve(GraphBudgets.PSTN_CALLS, "app-1");
		budgets.reserve(GraphBudgets.PSTN_CALLS, "app-1");
		budgets.reserve(GraphBudgets.DIRECT_ROUTING_CALLS, "app-1");

		assertThatExceptionOfType(GraphException.class)
			.isThrownBy(() -> budgets.reserve(GraphBudgets.DIRECT_ROUTING_CALLS, "app-1"));
		assertThat(this.meters.get("graph.client.budget.rejections").tag("budget", "call_log_app").counter().count())
			.isOne();
		// the call records are not held up by the call logs
		assertThat(budgets.reserve("list", "app-1")).isZero();
	}

	@Test
	void callLogBudgetsAreSharedFairlyBetweenCallingApps() {
		GraphBudgets budgets = new GraphBudgets(unlimited(), unlimited(), unlimited(), unlimited(),
				new GraphBudgets.Limit(10, Duration.ofSeconds(60), Duration.ofSeconds(2)), FAIR,
				new GraphMetrics(this.meters), this.clock, LocalMode.link());
		for (int i = 0; i < 10; i++) {
			budgets.reserve(GraphBudgets.PSTN_CALLS, "greedy");
		}
		budgets.reserve(GraphBudgets.PSTN_CALLS, "polite");

		assertThatExceptionOfType(GraphException.class)
			.isThrownBy(() -> budgets.reserve(GraphBudgets.PSTN_CALLS, "greedy"))
			.satisfies((ex) -> assertThat(ex.failure()).isEqualTo(GraphFailure.OVER_FAIR_SHARE));
	}

	private GraphBudgets listBudget(int calls, GraphBudgets.Shares shares) {
		return new GraphBudgets(unlimited(),
				new GraphBudgets.Limit(calls, Duration.ofSeconds(20), Duration.ofSeconds(2)), unlimited(), unlimited(),
				unlimited(), shares, new GraphMetrics(this.meters), this.clock, LocalMode.link());
	}

	private GraphBudgets budgets(GraphBudgets.Limit record) {
		return new GraphBudgets(unlimited(), unlimited(), record, unlimited(), unlimited(), FAIR,
				new GraphMetrics(this.meters), this.clock, LocalMode.link());
	}

	private static GraphBudgets.Limit unlimited() {
		return new GraphBudgets.Limit(1_000_000, Duration.ofSeconds(1), Duration.ZERO);
	}

}
