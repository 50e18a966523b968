package io.callrecords.proxy.cluster;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The replicas' shared cache in Redis, behind each replica's own: values are compressed
 * (Deflate) and sealed ({@link Sealer}) under keys named by an HMAC, kept with a time to
 * live, never replaced by an older version, and not kept beyond
 * {@code PROXY_CLUSTER_MAX_SHARED_ENTRY_SIZE}. Leases let one replica fetch what the
 * others then read from here. In local mode every lookup misses and nothing is kept.
 */
public final class SharedCache {

	/**
	 * Keeps ARGV[1] under KEYS[1] for ARGV[3] ms unless the value kept is of a version
	 * newer than ARGV[2] (values begin with their version and a colon).
	 */
	private static final String PUT = "local kept = redis.call('GET', KEYS[1]) "
			+ "if kept and ARGV[2] ~= '' then local version = string.match(kept, '^(%d+):') "
			+ "if version and tonumber(version) > tonumber(ARGV[2]) then return 0 end end "
			+ "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3]) return 1";

	/** Deletes KEYS[1] if it still holds ARGV[1]. */
	private static final String RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then "
			+ "return redis.call('DEL', KEYS[1]) end return 0";

	private final RedisLink link;

	private final @Nullable Sealer sealer;

	private final int maxEntrySize;

	private final MeterRegistry meters;

	private final Counter tooLarge;

	/**
	 * The shared cache on a link, sealed with {@code PROXY_CLUSTER_CACHE_KEY}.
	 * @param link the link to Redis
	 * @param meters where the cache's meters go
	 * @return the cache; it keeps nothing when Redis or the key is not configured
	 */
	public static SharedCache create(RedisLink link, MeterRegistry meters) {
		String secret = link.properties().cacheKey();
		return new SharedCache(link,
				(link.configured() && secret != null && !secret.isEmpty()) ? new Sealer(secret) : null, meters);
	}

	/**
	 * A shared cache that keeps nothing, for a replica without Redis.
	 * @param meters where the cache's meters go
	 * @return the cache
	 */
	public static SharedCache none(MeterRegistry meters) {
		return new SharedCache(RedisLink.none(ClusterProperties.defaults(), meters), null, meters);
	}

	SharedCache(RedisLink link, @Nullable Sealer sealer, MeterRegistry meters) {
		this.link = link;
		this.sealer = sealer;
		this.maxEntrySize = Math.toIntExact(link.properties().maxSharedEntrySize().toBytes());
		this.meters = meters;
		this.tooLarge = Counter.builder("cluster.cache.too.large")
			.description("Entries not kept in the shared cache because they are larger than its limit")
			.register(meters);
	}

	/**
	 * Whether the shared cache is in use now.
	 * @return {@code true} in cluster mode
	 */
	public boolean shared() {
		return this.sealer != null && this.link.up();
	}

	/**
	 * Looks an entry up.
	 * @param cache which cache (for example {@code record})
	 * @param name what identifies the entry in it
	 * @return the entry, or empty when it is not kept, cannot be opened, or in local mode
	 */
	public Mono<byte[]> get(String cache, String name) {
		Sealer sealer = this.sealer;
		if (sealer == null) {
			return Mono.empty();
		}
		String key = this.link.key(cache, sealer.name(name));
		return this.link.command("cache_get", (redis) -> redis.get(key))
			.switchIfEmpty(Mono.<byte[]>fromRunnable(() -> lookup(cache, "miss")))
			.flatMap((value) -> {
				try {
					byte[] plain = inflate(sealer.open(payload(value), key));
					lookup(cache, "hit");
					return Mono.just(plain);
				}
				catch (GeneralSecurityException | DataFormatException | RuntimeException ex) {
					// altered, or sealed with another PROXY_CLUSTER_CACHE_KEY: as if
					// absent
					lookup(cache, "unreadable");
					return Mono.<byte[]>empty();
				}
			})
			.onErrorResume(RedisUnavailableException.class, (ex) -> Mono.empty());
	}

	/**
	 * Keeps an entry, unless a newer version is kept or it is too large; never fails.
	 * @param cache which cache
	 * @param name what identifies the entry
	 * @param value the entry
	 * @param version its version, when it has one
	 * @param ttl how long it is kept
	 * @return done
	 */
	public Mono<Void> put(String cache, String name, byte[] value, @Nullable Long version, Duration ttl) {
		Sealer sealer = this.sealer;
		if (sealer == null || ttl.toMillis() < 1) {
			return Mono.empty();
		}
		return Mono.defer(() -> {
			String key = this.link.key(cache, sealer.name(name));
			byte[] prefix = (((version != null) ? version.toString() : "") + ":").getBytes(StandardCharsets.US_ASCII);
			byte[] sealed = sealer.seal(deflate(value), key);
			if (prefix.length + sealed.length > this.maxEntrySize) {
				this.tooLarge.increment();
				return Mono.empty();
			}
			byte[] stored = Arrays.copyOf(prefix, prefix.length + sealed.length);
			System.arraycopy(sealed, 0, stored, prefix.length, sealed.length);
			byte[] versionArg = (version != null) ? version.toString().getBytes(StandardCharsets.US_ASCII)
					: new byte[0];
			return this.link
				.command("cache_put",
						(redis) -> redis.<Long>eval(PUT, ScriptOutputType.INTEGER, new String[] { key }, stored,
								versionArg, Long.toString(ttl.toMillis()).getBytes(StandardCharsets.US_ASCII)))
				.then();
		}).onErrorResume(RedisUnavailableException.class, (ex) -> Mono.empty());
	}

	/**
	 * Takes the lease on fetching an entry, if no replica holds it.
	 * @param name what identifies the entry
	 * @param holder who takes it (unique per fetch)
	 * @return whether the lease was taken, or a {@link RedisUnavailableException}
	 */
	public Mono<Boolean> lease(String name, String holder) {
		return Mono.defer(() -> {
			String key = leaseKey(name);
			long millis = this.link.properties().lease().toMillis();
			return this.link
				.command("lease",
						(redis) -> redis.set(key, holder.getBytes(StandardCharsets.UTF_8),
								SetArgs.Builder.nx().px(millis)))
				.map("OK"::equals)
				.defaultIfEmpty(false);
		});
	}

	/**
	 * Gives a lease back, if it is still the holder's; never fails.
	 * @param name what identifies the entry
	 * @param holder who took it
	 * @return done
	 */
	public Mono<Void> release(String name, String holder) {
		return Mono.defer(() -> {
			String key = leaseKey(name);
			return this.link.command("lease", (redis) -> redis.<Long>eval(RELEASE, ScriptOutputType.INTEGER,
					new String[] { key }, holder.getBytes(StandardCharsets.UTF_8)))
				.then();
		}).onErrorResume(RedisUnavailableException.class, (ex) -> Mono.empty());
	}

	private String leaseKey(String name) {
		Sealer sealer = this.sealer;
		return this.link.key("lease", (sealer != null) ? sealer.name(name) : name);
	}

	private void lookup(String cache, String result) {
		Counter.builder("cluster.cache.lookups")
			.description("Lookups in the shared cache in Redis, by cache and result")
			.tag("cache", cache)
			.tag("result", result)
			.register(this.meters)
			.increment();
	}

	/** The sealed part of a kept value, after its version and colon. */
	private static byte[] payload(byte[] value) {
		for (int i = 0; i < Math.min(value.length, 21); i++) {
			if (value[i] == ':') {
				return Arrays.copyOfRange(value, i + 1, value.length);
			}
		}
		throw new IllegalArgumentException("No version prefix");
	}

	private static byte[] deflate(byte[] plain) {
		Deflater deflater = new Deflater(Deflater.BEST_SPEED);
		try {
			deflater.setInput(plain);
			deflater.finish();
			ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, plain.length / 4));
			byte[] buffer = new byte[8192];
			while (!deflater.finished()) {
				out.write(buffer, 0, deflater.deflate(buffer));
			}
			return out.toByteArray();
		}
		finally {
			deflater.end();
		}
	}

	private byte[] inflate(byte[] compressed) throws DataFormatException {
		Inflater inflater = new Inflater();
		try {
			inflater.setInput(compressed);
			ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 4);
			byte[] buffer = new byte[8192];
			while (!inflater.finished()) {
				int count = inflater.inflate(buffer);
				if (count == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
					throw new DataFormatException("Truncated entry");
				}
				out.write(buffer, 0, count);
				if (out.size() > 64 * this.maxEntrySize) {
					throw new DataFormatException("Entry inflates beyond its bound");
				}
			}
			return out.toByteArray();
		}
		finally {
			inflater.end();
		}
	}

}
