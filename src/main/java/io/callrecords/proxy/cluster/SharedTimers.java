package io.callrecords.proxy.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.lettuce.core.ScriptOutputType;
import reactor.core.publisher.Mono;

/**
 * Closed-until timers shared by the replicas, such as Graph's {@code Retry-After} for a
 * scope: kept as Redis keys that expire when the wait is over, so that they depend on
 * Redis's clock alone, never on the replicas' clocks agreeing.
 */
public final class SharedTimers {

	/** Extends a key's remaining time to ARGV[1] ms, never shortens it. */
	private static final String EXTEND = "local left = redis.call('PTTL', KEYS[1]) "
			+ "if left < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end return 1";

	/** The longest remaining time of the keys, in ms, 0 when none runs. */
	private static final String LONGEST = "local longest = 0 for _, key in ipairs(KEYS) do "
			+ "local left = redis.call('PTTL', key) if left > longest then longest = left end end return longest";

	private final RedisLink link;

	/**
	 * Timers on a link.
	 * @param link the link to Redis
	 */
	public SharedTimers(RedisLink link) {
		this.link = link;
	}

	/**
	 * Starts or extends a timer.
	 * @param name the timer
	 * @param duration how long it runs from now
	 * @return done, or a {@link RedisUnavailableException}
	 */
	public Mono<Void> runFor(String name, Duration duration) {
		long millis = Math.max(1, duration.toMillis());
		return this.link
			.command("timer_set", (redis) -> redis.<Long>eval(EXTEND, ScriptOutputType.INTEGER,
					new String[] { key(name) }, Long.toString(millis).getBytes(StandardCharsets.US_ASCII)))
			.then();
	}

	/**
	 * The longest time any of the timers still runs.
	 * @param names the timers
	 * @return the time, zero when none runs, or a {@link RedisUnavailableException}
	 */
	public Mono<Duration> remaining(String... names) {
		String[] keys = new String[names.length];
		for (int i = 0; i < names.length; i++) {
			keys[i] = key(names[i]);
		}
		return this.link.command("timer_get", (redis) -> redis.<Long>eval(LONGEST, ScriptOutputType.INTEGER, keys))
			.map(Duration::ofMillis)
			.defaultIfEmpty(Duration.ZERO);
	}

	/**
	 * Whether the replica is in cluster mode.
	 * @return {@code true} when Redis is in use
	 */
	public boolean shared() {
		return this.link.up();
	}

	private String key(String name) {
		return this.link.key("timer", name);
	}

}
