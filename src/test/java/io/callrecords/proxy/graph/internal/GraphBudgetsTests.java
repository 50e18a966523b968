package io.callrecords.proxy.graph.internal;

import java.time.Duration;
import java.time.Instant;

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

	private final MovableClock clock = new MovableClock();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void callsWithinTheBudgetGoAtOnce() {
		GraphBudgets budgets = budgets(new GraphBudgets.Limit(2, Duration.ofSeconds(20), Duration.ZERO));

		assertThat(budgets.reserve("record:a")).isZero();
		assertThat(budgets.reserve("record:a")).isZero();
		assertThat(budgets.reserve("record:b")).isZero();
	}

	@Test
	void aBurstQueuesForTheNextPeriodUpToTheLongestWait() {
		GraphBudgets budgets = budgets(new GraphBudgets.Limit(1, Duration.ofSeconds(2), Duration.ofSeconds(4)));
		budgets.reserve("record:a");

		assertThat(budgets.reserve("record:a")).isEqualTo(Duration.ofSeconds(2));
		this.clock.advance(Duration.ofMillis(500));
		assertThat(budgets.reserve("record:a")).isEqualTo(Duration.ofMillis(3500));
		assertThatExceptionOfType(GraphException.class).isThrownBy(() -> budgets.reserve("record:a"))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofMillis(5500)));
	}

	@Test
	void beyondTheLongestWaitACallIsRefusedWithTheTimeUntilATokenIsFree() {
		GraphBudgets budgets = budgets(new GraphBudgets.Limit(2, Duration.ofSeconds(20), Duration.ZERO));
		budgets.reserve("record:a");
		budgets.reserve("record:a");
		this.clock.advance(Duration.ofSeconds(5));

		assertThatExceptionOfType(GraphException.class).isThrownBy(() -> budgets.reserve("record:a"))
			.satisfies((ex) -> {
				assertThat(ex.failure()).isEqualTo(GraphFailure.THROTTLED);
				assertThat(ex.upstreamStatus()).isZero();
				assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(15));
			});
		assertThat(this.meters.get("graph.client.budget.rejections").tag("budget", "record").counter().count()).isOne();
		this.clock.advance(Duration.ofSeconds(15));
		assertThat(budgets.reserve("record:a")).isZero();
	}

	@Test
	void aCallRefusedByTheAppsBudgetGivesItsRecordsTokenBack() {
		GraphBudgets budgets = new GraphBudgets(new GraphBudgets.Limit(1, Duration.ofSeconds(1), Duration.ZERO),
				unlimited(), new GraphBudgets.Limit(1, Duration.ofSeconds(20), Duration.ZERO),
				new GraphMetrics(this.meters), this.clock);
		budgets.reserve("record:a");

		assertThatExceptionOfType(GraphException.class).isThrownBy(() -> budgets.reserve("record:b"));
		assertThat(this.meters.get("graph.client.budget.rejections").tag("budget", "app").counter().count()).isOne();
		// the app's budget is back after a second; record b's would not be for 20 s had
		// its token not been given back
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(budgets.reserve("record:b")).isZero();
	}

	@Test
	void theSharedBudgetsShowWhatIsLeft() {
		GraphBudgets budgets = budgets(unlimited());
		budgets.reserve("list");

		assertThat(this.meters.get("graph.client.budget.available").tag("budget", "list").gauge().value())
			.isEqualTo(999_999);
	}

	private GraphBudgets budgets(GraphBudgets.Limit record) {
		return new GraphBudgets(unlimited(), unlimited(), record, new GraphMetrics(this.meters), this.clock);
	}

	private static GraphBudgets.Limit unlimited() {
		return new GraphBudgets.Limit(1_000_000, Duration.ofSeconds(1), Duration.ZERO);
	}

	private static final class MovableClock extends UtcClock {

		private Instant now = Instant.parse("2024-06-01T12:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
