package io.callrecords.proxy.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;

/**
 * The replica's link to Redis, and whether the replica is in cluster mode: Redis is
 * configured and answered its last command in time. Every use of Redis goes through
 * {@link #command} or {@link #sync}, which time it, and which turn any failure (refused,
 * disconnected, slower than {@code PROXY_CLUSTER_REDIS_TIMEOUT}) into local mode at once:
 * the failed call and every later one get a {@link RedisUnavailableException}, on which
 * their callers use the replica's own state, until a probe (every
 * {@code PROXY_CLUSTER_PROBE_INTERVAL}) gets Redis's answer again. Both changes are
 * logged once, metered ({@code cluster.mode}) and shown in the {@code cluster} health
 * detail. No request waits for Redis longer than the timeout, and none fails because of
 * it.
 * <p>
 * One multiplexed Lettuce connection (string keys, binary values) serves every command,
 * from the client Spring Boot configured from {@code spring.data.redis.*} (URL, TLS,
 * credentials, Sentinel).
 */
public final class RedisLink implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(RedisLink.class);

	private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

	private final @Nullable Supplier<@Nullable AbstractRedisClient> clients;

	private final ClusterProperties properties;

	private final MeterRegistry meters;

	private final Clock clock;

	private final Counter lost;

	private volatile @Nullable StatefulRedisConnection<String, byte[]> connection;

	private volatile @Nullable ProxyManager<String> buckets;

	private volatile boolean up;

	/**
	 * Whether local mode since the start (Redis unreachable from the first) was logged.
	 */
	private volatile boolean reported;

	private volatile @Nullable String lastFailure;

	/**
	 * Failures seen so far: a probe's answer brings cluster mode back only when no use of
	 * Redis failed after its {@code PING} was sent.
	 */
	private long failures;

	private volatile Instant since;

	private volatile @Nullable ScheduledExecutorService prober;

	/**
	 * A link to the Redis of a client.
	 * @param clients gives the Lettuce client once it exists; {@code null} when Redis is
	 * not configured, for a link that stays in local mode
	 * @param properties the cluster settings
	 * @param meters where the link's meters go
	 * @param clock the clock of the health detail's times
	 */
	public RedisLink(@Nullable Supplier<@Nullable AbstractRedisClient> clients, ClusterProperties properties,
			MeterRegistry meters, Clock clock) {
		this.clients = clients;
		this.properties = properties;
		this.meters = meters;
		this.clock = clock;
		this.since = clock.instant();
		this.lost = Counter.builder("cluster.redis.lost")
			.description("Times this replica fell back from cluster mode to local mode because Redis failed")
			.register(meters);
		Gauge.builder("cluster.mode", this, (link) -> link.up ? 1 : 0)
			.description("1 while this replica shares its state through Redis (cluster mode), 0 in local mode")
			.tag("configured", Boolean.toString(clients != null))
			.register(meters);
	}

	/**
	 * A link for a replica without Redis: always in local mode.
	 * @param properties the cluster settings
	 * @param meters where the link's meters go
	 * @return the link
	 */
	public static RedisLink none(ClusterProperties properties, MeterRegistry meters) {
		return new RedisLink(null, properties, meters, Clock.systemUTC());
	}

	/**
	 * Whether Redis is configured at all.
	 * @return {@code true} when it is
	 */
	public boolean configured() {
		return this.clients != null;
	}

	/**
	 * Whether the replica is in cluster mode now.
	 * @return {@code true} when Redis answered its last command in time
	 */
	public boolean up() {
		return this.up;
	}

	/**
	 * The cluster settings.
	 * @return the settings
	 */
	public ClusterProperties properties() {
		return this.properties;
	}

	/**
	 * A key in the service's namespace.
	 * @param kind what the key holds (for example {@code gate})
	 * @param name its name within the kind
	 * @return {@code <prefix>:v1:<kind>:<name>}
	 */
	public String key(String kind, String name) {
		return this.properties.keyPrefix() + ":v1:" + kind + ":" + name;
	}

	/**
	 * Runs a Redis command without blocking.
	 * @param operation what the command is for, for metrics
	 * @param command the command, on the link's asynchronous API
	 * @return its result, empty for a {@code null} reply, or a
	 * {@link RedisUnavailableException} in local mode or when it failed
	 */
	public <T> Mono<T> command(String operation,
			Function<RedisAsyncCommands<String, byte[]>, ? extends CompletionStage<T>> command) {
		return Mono.defer(() -> {
			StatefulRedisConnection<String, byte[]> connection = this.connection;
			if (!this.up || connection == null) {
				return Mono.error(localMode());
			}
			long start = System.nanoTime();
			return Mono.fromCompletionStage(() -> command.apply(connection.async()))
				.timeout(this.properties.redisTimeout())
				.doOnSuccess((value) -> latency(operation, start))
				.onErrorMap((ex) -> !(ex instanceof RedisUnavailableException), (ex) -> failed(operation, ex));
		});
	}

	/**
	 * Runs blocking work on Redis's token buckets (Bucket4j), with the link's timeout.
	 * @param operation what the work is for, for metrics
	 * @param work the work, given the bucket proxies
	 * @return its result
	 * @throws RedisUnavailableException in local mode or when the work failed
	 */
	public <T> T sync(String operation, Function<ProxyManager<String>, T> work) {
		ProxyManager<String> buckets = this.buckets;
		if (!this.up || buckets == null) {
			throw localMode();
		}
		long start = System.nanoTime();
		try {
			T result = work.apply(buckets);
			latency(operation, start);
			return result;
		}
		catch (RuntimeException ex) {
			throw failed(operation, ex);
		}
	}

	private RedisUnavailableException localMode() {
		return new RedisUnavailableException(
				"Local mode: Redis is " + (configured() ? "unreachable" : "not configured"), null);
	}

	private void latency(String operation, long start) {
		Timer.builder("cluster.redis.latency")
			.description("Redis commands that succeeded, by what they were for")
			.tag("operation", operation)
			.register(this.meters)
			.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
	}

	/**
	 * Records a failed use of Redis and goes to local mode.
	 * @param operation what it was for
	 * @param ex what went wrong
	 * @return the exception for the caller, which falls back to local mode
	 */
	RedisUnavailableException failed(String operation, Throwable ex) {
		Counter.builder("cluster.redis.errors")
			.description("Redis commands that failed or took too long, by what they were for")
			.tag("operation", operation)
			.register(this.meters)
			.increment();
		String failure = ex.getClass().getSimpleName();
		synchronized (this) {
			this.failures++;
			this.lastFailure = failure;
			if (this.up || !this.reported) {
				if (this.up) {
					this.lost.increment();
				}
				this.up = false;
				this.reported = true;
				this.since = this.clock.instant();
				// the exception's type only: messages may name the host
				logger.warn("Redis failed ({} during {}): this replica works in local mode, with its own "
						+ "share of Graph's budgets, until Redis answers again", failure, operation);
			}
		}
		return new RedisUnavailableException("Redis failed: " + failure, ex);
	}

	/**
	 * Connects when not connected yet, and asks Redis for a {@code PING}: cluster mode
	 * again when it answers in time, local mode when it does not.
	 */
	void probe() {
		try {
			StatefulRedisConnection<String, byte[]> connection = connect();
			if (connection == null) {
				return;
			}
			long asked = failuresSoFar();
			connection.async()
				.ping()
				.toCompletableFuture()
				.get(this.properties.redisTimeout().toMillis(), TimeUnit.MILLISECONDS);
			answered(asked);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			failed("probe", (ex.getCause() != null) ? ex.getCause() : ex);
		}
		catch (Exception ex) {
			failed("probe", ex);
		}
	}

	/**
	 * Failures seen so far, read before a probe asks Redis.
	 * @return the count
	 */
	synchronized long failuresSoFar() {
		return this.failures;
	}

	/**
	 * Redis answered a probe that asked when {@code asked} failures had been seen:
	 * cluster mode again, unless a use of Redis failed since (an answer that a slow probe
	 * thread reads late must not undo a newer failure).
	 * @param asked what {@link #failuresSoFar} said before the probe asked
	 * @return whether the replica is in cluster mode now
	 */
	boolean answered(long asked) {
		synchronized (this) {
			if (this.up || this.failures != asked) {
				return this.up;
			}
			this.up = true;
			this.since = this.clock.instant();
			this.lastFailure = null;
		}
		logger.info("Redis answers: this replica shares Graph's budgets, throttling, cache and fetches with "
				+ "the other replicas (cluster mode)");
		return true;
	}

	private @Nullable StatefulRedisConnection<String, byte[]> connect() {
		StatefulRedisConnection<String, byte[]> connection = this.connection;
		if (connection != null && !connection.isOpen()) {
			// a lost connection is made anew at the probe's pace, not at Lettuce's
			// reconnection backoff (up to 30 s); local mode first, so that whoever finds
			// no connection also finds local mode
			failed("connection", new RedisConnectionException("Connection closed"));
			this.connection = null;
			this.buckets = null;
			connection.closeAsync();
			connection = null;
		}
		if (connection != null || this.clients == null) {
			return connection;
		}
		AbstractRedisClient client = this.clients.get();
		if (client == null) {
			return null;
		}
		if (!(client instanceof RedisClient redis)) {
			throw new IllegalStateException("Redis Cluster is not supported: use a standalone or Sentinel Redis");
		}
		connection = redis.connect(CODEC);
		connection.setTimeout(this.properties.redisTimeout());
		this.buckets = Bucket4jLettuce.casBasedBuilder(connection)
			.expirationAfterWrite(
					ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
			.requestTimeout(this.properties.redisTimeout())
			.build();
		this.connection = connection;
		return connection;
	}

	/**
	 * What the health endpoint shows.
	 * @return the mode, Redis's state, since when, and the last failure's type
	 */
	Status status() {
		return new Status(this.up ? "cluster" : "local",
				!configured() ? "not configured" : this.up ? "up" : "unreachable", this.since, this.lastFailure);
	}

	@Override
	public void start() {
		if (this.clients == null || this.prober != null) {
			return;
		}
		ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "redis-link-probe");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.properties.probeInterval().toMillis();
		prober.scheduleWithFixedDelay(this::probe, 0, interval, TimeUnit.MILLISECONDS);
		this.prober = prober;
	}

	@Override
	public void stop() {
		ScheduledExecutorService prober = this.prober;
		if (prober != null) {
			prober.shutdownNow();
			this.prober = null;
		}
		this.up = false;
		StatefulRedisConnection<String, byte[]> connection = this.connection;
		if (connection != null) {
			this.connection = null;
			this.buckets = null;
			connection.closeAsync();
		}
	}

	@Override
	public boolean isRunning() {
		return this.prober != null;
	}

	/**
	 * The link's state, for the health endpoint.
	 *
	 * @param mode {@code cluster} or {@code local}
	 * @param redis {@code up}, {@code unreachable} or {@code not configured}
	 * @param since when the mode last changed
	 * @param lastFailure the type of the last failure, while in local mode
	 */
	record Status(String mode, String redis, Instant since, @Nullable String lastFailure) {
	}

}
