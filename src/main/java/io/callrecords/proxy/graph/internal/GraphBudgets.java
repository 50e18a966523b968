package io.callrecords.proxy.graph.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.callrecords.proxy.cluster.RedisLink;
import io.callrecords.proxy.cluster.RedisUnavailableException;
import io.callrecords.proxy.graph.GraphException;
import io.callrecords.proxy.graph.GraphFailure;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import org.jspecify.annotations.Nullable;

/**
 * The service's own share of Graph's published budgets (per call record, the list, the
 * whole app), as Bucket4j token buckets refilled smoothly over their period: a burst
 * queues for a token up to the budget's longest wait, without a thread waiting, and
 * beyond it is refused with the time until a token is free instead of earning Graph's
 * 429s. Per-record buckets live while their record is in use.
 * <p>
 * Each budget is shared fairly between the calling apps active in it (those that used it
 * in its last period): each has a share of the budget in proportion to its weight. An app
 * within its share takes or queues for a token as above. An app over its share may take
 * only tokens that the other active apps' unused shares do not claim; otherwise it is
 * refused with {@link GraphFailure#OVER_FAIR_SHARE} and the time until such a token is
 * free, so that the others are served. An app alone in a budget may use all of it.
 * <p>
 * In cluster mode the buckets are in Redis (Bucket4j's Lettuce integration, updated
 * atomically by compare-and-swap), one per budget for all replicas, with the budgets'
 * whole limits. In local mode (no Redis, or while it fails) each replica uses its own
 * buckets with its share of each limit ({@code PROXY_CLUSTER_REPLICAS}). The fair shares
 * are judged by each replica among the callers it serves.
 */
final class GraphBudgets {

	static final String LIST = "list";

	/** The scope of the PSTN call log ({@code getPstnCalls}). */
	static final String PSTN_CALLS = "pstn_calls";

	/** The scope of the Direct Routing call log ({@code getDirectRoutingCalls}). */
	static final String DIRECT_ROUTING_CALLS = "direct_routing_calls";

	private final Budget app;

	private final Budget list;

	private final Limit recordLimit;

	private final Budget callLogApp;

	private final Budget pstnCalls;

	private final Budget directRoutingCalls;

	private final TimeMeter time;

	private final Shares shares;

	private final Cache<String, Budget> records;

	private final GraphMetrics metrics;

	private final RedisLink link;

	/**
	 * The budgets, with those of the PSTN call logs: Graph throttles {@code getPstnCalls}
	 * and {@code getDirectRoutingCalls} under limits of their own (per app and tenant,
	 * and per collection), apart from the call-records limits.
	 */
	GraphBudgets(Limit app, Limit list, Limit record, Limit callLogApp, Limit callLog, Shares shares,
			GraphMetrics metrics, Clock clock, RedisLink link) {
		this.time = new ClockTime(clock);
		this.link = link;
		this.callLogApp = new Budget("call_log_app", "call_log_app", callLogApp, this.time, link);
		this.pstnCalls = new Budget("pstn_calls", "pstn_calls", callLog, this.time, link);
		this.directRoutingCalls = new Budget("direct_routing_calls", "direct_routing_calls", callLog, this.time, link);
		this.shares = shares;
		this.app = new Budget("app", "app", app, this.time, link);
		this.list = new Budget("list", "list", list, this.time, link);
		this.recordLimit = record;
		this.metrics = metrics;
		this.records = Caffeine.newBuilder()
			.maximumSize(100_000)
			.expireAfterAccess(record.period().multipliedBy(2))
			.build();
		metrics.budgetAvailable("app", this.app::available);
		metrics.budgetAvailable("list", this.list::available);
		metrics.budgetAvailable("call_log_app", this.callLogApp::available);
		metrics.budgetAvailable("pstn_calls", this.pstnCalls::available);
		metrics.budgetAvailable("direct_routing_calls", this.directRoutingCalls::available);
	}

	/**
	 * Reserves one Graph call in a scope and in the app's budget.
	 * @param scope {@value #LIST}, a call record's scope, or a call log's
	 * ({@value #PSTN_CALLS}, {@value #DIRECT_ROUTING_CALLS}), which is reserved in the
	 * call logs' app budget instead of the call records' one
	 * @param caller the calling app
	 * @return how long to wait before the call may be made
	 * @throws GraphException {@code THROTTLED} with the wait until a token is free when
	 * the budget cannot be had within its longest wait, {@code OVER_FAIR_SHARE} with the
	 * wait until a spare token is free when the caller is over its share of a contended
	 * budget
	 */
	Duration reserve(String scope, String caller) {
		Budget budget = switch (scope) {
			case LIST -> this.list;
			case PSTN_CALLS -> this.pstnCalls;
			case DIRECT_ROUTING_CALLS -> this.directRoutingCalls;
			default -> this.records.get(scope,
					(name) -> new Budget("record", "record:" + name, this.recordLimit, this.time, this.link));
		};
		Budget appBudget = (budget == this.pstnCalls || budget == this.directRoutingCalls) ? this.callLogApp : this.app;
		Duration scopeWait = reserve(budget, caller);
		Duration appWait;
		try {
			appWait = reserve(appBudget, caller);
		}
		catch (GraphException ex) {
			budget.release(caller);
			throw ex;
		}
		return (scopeWait.compareTo(appWait) >= 0) ? scopeWait : appWait;
	}

	/**
	 * Whether the budgets are in Redis now: reserving then blocks for a round trip.
	 * @return {@code true} in cluster mode
	 */
	boolean shared() {
		return this.link.up();
	}

	private Duration reserve(Budget budget, String caller) {
		long waitNanos = budget.reserve(caller, this.shares);
		if (waitNanos == Budget.OVER_SHARE) {
			long spare = budget.nanosUntilSpare(caller, this.shares);
			this.metrics.fairShareRefused(budget.name(), caller);
			throw new GraphException(GraphFailure.OVER_FAIR_SHARE,
					"The caller is over its fair share of the service's " + budget.name() + " budget of Graph requests",
					0, null, Duration.ofNanos(spare), null);
		}
		if (waitNanos < 0) {
			this.metrics.budgetRejected(budget.name());
			throw new GraphException(GraphFailure.THROTTLED,
					"The service's " + budget.name() + " budget of Graph requests is used up", 0, null,
					Duration.ofNanos(-waitNanos), null);
		}
		this.metrics.budgetUsed(budget.name(), caller);
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

	/**
	 * How calling apps share a budget.
	 *
	 * @param enabled whether they share it by weight; off, the first come are served
	 * @param weights the apps whose weight is not 1
	 */
	record Shares(boolean enabled, Map<String, Integer> weights) {

		static final Shares NONE = new Shares(false, Map.of());

		Shares {
			weights = Map.copyOf(weights);
		}

		int weight(String caller) {
			return this.weights.getOrDefault(caller, 1);
		}

	}

	private static final class Budget {

		/** {@link #reserve} refused: the caller is over its share. */
		static final long OVER_SHARE = Long.MIN_VALUE;

		private final String name;

		private final String key;

		private final Bucket local;

		private final int localCapacity;

		private final BucketConfiguration shared;

		private final int sharedCapacity;

		private final long maxWaitNanos;

		private final long periodNanos;

		private final TimeMeter time;

		private final RedisLink link;

		/** The bucket in Redis, for the proxies it was made by. */
		private @Nullable Bucket remote;

		private @Nullable ProxyManager<String> remoteOwner;

		/** The callers that used the budget lately; guarded by {@code this}. */
		private final Map<String, Usage> users = new HashMap<>();

		Budget(String name, String key, Limit limit, TimeMeter time, RedisLink link) {
			this.name = name;
			this.key = link.key("budget", key);
			this.localCapacity = link.properties().localShare(limit.calls());
			this.local = Bucket.builder()
				.addLimit((bandwidth) -> bandwidth.capacity(this.localCapacity)
					.refillGreedy(this.localCapacity, limit.period()))
				.withCustomTimePrecision(time)
				.build();
			this.sharedCapacity = limit.calls();
			this.shared = BucketConfiguration.builder()
				.addLimit((bandwidth) -> bandwidth.capacity(limit.calls()).refillGreedy(limit.calls(), limit.period()))
				.build();
			this.maxWaitNanos = limit.maxWait().toNanos();
			this.periodNanos = limit.period().toNanos();
			this.time = time;
			this.link = link;
		}

		String name() {
			return this.name;
		}

		/**
		 * Runs work on the bucket in Redis in cluster mode, or on the replica's own when
		 * Redis is not in use or fails.
		 */
		private <T> T onBucket(String operation, BucketWork<T> work) {
			if (this.link.up()) {
				try {
					return this.link.sync(operation, (proxies) -> work.apply(remote(proxies), this.sharedCapacity));
				}
				catch (RedisUnavailableException ex) {
					// local mode from now on: this replica's own bucket
				}
			}
			return work.apply(this.local, this.localCapacity);
		}

		private Bucket remote(ProxyManager<String> proxies) {
			if (this.remote == null || this.remoteOwner != proxies) {
				this.remote = proxies.builder().build(this.key, () -> this.shared);
				this.remoteOwner = proxies;
			}
			return this.remote;
		}

		/**
		 * Takes a token now or queues for one.
		 * @return the nanoseconds to wait for the token; minus the nanoseconds until a
		 * token is free when the queue is longer than the longest wait; or
		 * {@link #OVER_SHARE}
		 */
		synchronized long reserve(String caller, Shares shares) {
			return onBucket("budget", (bucket, capacity) -> reserve(bucket, capacity, caller, shares));
		}

		private long reserve(Bucket bucket, int capacity, String caller, Shares shares) {
			long now = this.time.currentTimeNanos();
			Usage mine = usage(caller, now);
			// asking is using: a caller refused or queued is still one of those sharing
			mine.lastUsed = now;
			double claimed = shares.enabled() ? claimedByOthers(capacity, caller, shares, now) : -1;
			if (claimed >= 0 && mine.used(now, this.periodNanos) + 1 > share(capacity, caller, shares, now)) {
				// over its share while others use the budget: only unclaimed tokens
				if (bucket.getAvailableTokens() - 1 < claimed || !bucket.tryConsume(1)) {
					return OVER_SHARE;
				}
				mine.add(now, this.periodNanos);
				return 0;
			}
			// within its share while others use the budget: the queue ahead was made
			// before
			// it came and is at most the longest wait, so it is served right after it
			long wait = queue(bucket,
					(claimed >= 0) ? this.maxWaitNanos + this.periodNanos / capacity : this.maxWaitNanos);
			if (wait >= 0) {
				mine.add(now, this.periodNanos);
			}
			return wait;
		}

		private static long queue(Bucket bucket, long maxWaitNanos) {
			if (bucket.tryConsume(1)) {
				return 0;
			}
			long wait = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
			if (wait > maxWaitNanos) {
				return -Math.max(wait, 1);
			}
			long reserved = bucket.consumeIgnoringRateLimits(1);
			if (reserved > maxWaitNanos) {
				// another call queued in between
				bucket.addTokens(1);
				return -Math.max(reserved, 1);
			}
			return reserved;
		}

		/**
		 * How long until a caller over its share could take a spare token.
		 */
		synchronized long nanosUntilSpare(String caller, Shares shares) {
			return onBucket("budget", (bucket, capacity) -> {
				long now = this.time.currentTimeNanos();
				double claimed = Math.max(0, claimedByOthers(capacity, caller, shares, now));
				long needed = Math.min(capacity, (long) Math.ceil(claimed) + 1);
				long wait = bucket.estimateAbilityToConsume(needed).getNanosToWaitForRefill();
				return Math.max(wait, this.periodNanos / Math.max(1, capacity));
			});
		}

		synchronized void release(String caller) {
			onBucket("budget", (bucket, capacity) -> {
				bucket.addTokens(1);
				return null;
			});
			Usage usage = this.users.get(caller);
			if (usage != null) {
				usage.add(this.time.currentTimeNanos(), this.periodNanos, -1);
			}
		}

		synchronized double available() {
			return onBucket("budget_available", (bucket, capacity) -> (double) bucket.getAvailableTokens());
		}

		private Usage usage(String caller, long now) {
			for (Iterator<Usage> it = this.users.values().iterator(); it.hasNext();) {
				if (now - it.next().lastUsed > 2 * this.periodNanos) {
					it.remove();
				}
			}
			return this.users.computeIfAbsent(caller, (name) -> new Usage(now));
		}

		/** The callers other than this one that used the budget in its last period. */
		private boolean active(Map.Entry<String, Usage> user, String caller, long now) {
			return !user.getKey().equals(caller) && now - user.getValue().lastUsed <= this.periodNanos;
		}

		private double totalWeight(String caller, Shares shares, long now) {
			double total = shares.weight(caller);
			for (Map.Entry<String, Usage> user : this.users.entrySet()) {
				if (active(user, caller, now)) {
					total += shares.weight(user.getKey());
				}
			}
			return total;
		}

		private double share(int capacity, String caller, Shares shares, long now) {
			return capacity * shares.weight(caller) / totalWeight(caller, shares, now);
		}

		/**
		 * The tokens the other active callers may still claim within their shares, or -1
		 * when no other caller is active.
		 */
		private double claimedByOthers(int capacity, String caller, Shares shares, long now) {
			double total = totalWeight(caller, shares, now);
			if (total == shares.weight(caller)) {
				return -1;
			}
			double claimed = 0;
			for (Map.Entry<String, Usage> user : this.users.entrySet()) {
				if (active(user, caller, now)) {
					double share = capacity * shares.weight(user.getKey()) / total;
					claimed += Math.max(0, share - user.getValue().used(now, this.periodNanos));
				}
			}
			return claimed;
		}

	}

	/** Work on a bucket of so many tokens. */
	@FunctionalInterface
	private interface BucketWork<T> {

		T apply(Bucket bucket, int capacity);

	}

	/**
	 * A caller's use of a budget over the last period, as a sliding window counter: the
	 * current window's count plus the previous window's, weighted by how much of it the
	 * sliding period still covers.
	 */
	private static final class Usage {

		private long windowStart;

		private double previous;

		private double current;

		private long lastUsed;

		Usage(long now) {
			this.windowStart = now;
			this.lastUsed = now;
		}

		double used(long now, long period) {
			roll(now, period);
			double overlap = 1.0 - (double) (now - this.windowStart) / period;
			return this.previous * Math.max(0, overlap) + this.current;
		}

		void add(long now, long period) {
			add(now, period, 1);
		}

		void add(long now, long period, int calls) {
			roll(now, period);
			this.current = Math.max(0, this.current + calls);
			this.lastUsed = now;
		}

		private void roll(long now, long period) {
			long elapsed = now - this.windowStart;
			if (elapsed < period) {
				return;
			}
			if (elapsed < 2 * period) {
				this.previous = this.current;
				this.windowStart += period;
			}
			else {
				this.previous = 0;
				this.windowStart = now;
			}
			this.current = 0;
		}

	}

}
