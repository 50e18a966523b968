package io.callrecords.proxy.graph.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.callrecords.proxy.cluster.RealRedisTestSupport;
import io.callrecords.proxy.cluster.RedisLink;
import io.callrecords.proxy.cluster.SharedTimers;
import io.callrecords.proxy.cluster.TestLinks;
import io.callrecords.proxy.graph.GraphException;
import io.callrecords.proxy.graph.GraphFailure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Graph's budgets and throttle gate shared by replicas through a real Redis: two
 * {@link GraphBudgets} and two {@link ThrottleGate}s, each on its own link, stand for two
 * replicas. Budgets here refill over an hour, so that no token comes back while a test
 * runs, however slow the machine.
 */
class ClusterBudgetsTests extends RealRedisTestSupport {

	private static final Duration HOUR = Duration.ofHours(1);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void replicasShareOneRecordBudgetInsteadOfDividingIt() {
		GraphBudgets one = budgets(this.links.link(2, this.meters), 3);
		GraphBudgets two = budgets(this.links.link(2, new SimpleMeterRegistry()), 3);

		assertThat(one.reserve("record:a", "app-1")).isZero();
		assertThat(one.reserve("record:a", "app-1")).isZero();
		// more than this replica's local share (3 / 2 replicas) while Redis is up
		assertThat(two.reserve("record:a", "app-1")).isZero();
		assertThatExceptionOfType(GraphException.class).isThrownBy(() -> two.reserve("record:a", "app-1"))
			.satisfies((ex) -> assertThat(ex.failure()).isEqualTo(GraphFailure.THROTTLED));
		assertThatExceptionOfType(GraphException.class).isThrownBy(() -> one.reserve("record:a", "app-1"));
		// other records have budgets of their own
		assertThat(two.reserve("record:b", "app-1")).isZero();
	}

	@Test
	void withoutRedisEachReplicaFallsBackToItsShareOfTheBudget() {
		RedisLink link = this.links.link(2, this.meters);
		GraphBudgets budgets = budgets(link, 4);
		redis.stop();

		// the first call notices, and is served from the local bucket: no call fails
		assertThat(budgets.reserve("record:a", "app-1")).isZero();
		assertThat(link.up()).isFalse();
		assertThat(budgets.reserve("record:a", "app-1")).isZero();
		assertThatExceptionOfType(GraphException.class).isThrownBy(() -> budgets.reserve("record:a", "app-1"));
	}

	@Test
	void aThrottleSeenByOneReplicaClosesTheScopeForTheOthers() {
		ThrottleGate one = new ThrottleGate(Clock.systemUTC(), 3, new SharedTimers(this.links.link(2, this.meters)));
		ThrottleGate two = new ThrottleGate(Clock.systemUTC(), 3,
				new SharedTimers(this.links.link(2, new SimpleMeterRegistry())));

		one.throttled("record:a", Duration.ofMinutes(2)).block();

		assertThat(two.waitFor("record:a").block()).isGreaterThan(Duration.ofSeconds(100));
		assertThat(two.waitFor("record:b").block()).isZero();
		// the replica's own gate did not learn it: the wait is Redis's
		assertThat(two.localWait("record:a")).isZero();
	}

	@Test
	void aThrottleOfTheWholeAppClosesEveryScopeOnEveryReplica() {
		ThrottleGate one = new ThrottleGate(Clock.systemUTC(), 2, new SharedTimers(this.links.link(2, this.meters)));
		ThrottleGate two = new ThrottleGate(Clock.systemUTC(), 2,
				new SharedTimers(this.links.link(2, new SimpleMeterRegistry())));

		one.throttled("record:a", Duration.ofMinutes(2)).block();
		one.throttled("list", Duration.ofMinutes(1)).block();

		assertThat(two.waitFor("record:c").block()).isGreaterThan(Duration.ofSeconds(100));
	}

	private GraphBudgets budgets(RedisLink link, int recordCalls) {
		GraphBudgets.Limit unlimited = new GraphBudgets.Limit(1_000_000, HOUR, Duration.ZERO);
		return new GraphBudgets(unlimited, unlimited, new GraphBudgets.Limit(recordCalls, HOUR, Duration.ZERO),
				unlimited, unlimited, new GraphBudgets.Shares(true, Map.of()), new GraphMetrics(this.meters),
				Clock.systemUTC(), link);
	}

}
