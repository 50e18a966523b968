package io.callrecords.proxy.callrecords;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.callrecords.proxy.cluster.SharedCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Call records fetched by id, kept briefly: keyed by everything that changes the answer
 * (id, {@code include}, {@code fields}), reused for {@code ttl} (longer once the call is
 * settled, a day after it ended), and never replaced by an older version of the same
 * shape. Each entry carries its ETag: id, version and shape.
 * <p>
 * In cluster mode a second level is shared by the replicas ({@link SharedCache}): a
 * record one replica fetched is found there by the others, with the same ETag, fetch time
 * and lifetime, so the same rules decide on every replica how long it is reused.
 */
@Component
class CallRecordCache {

	private final @Nullable Cache<Key, Tagged> cache;

	private final CacheProperties properties;

	private final Clock clock;

	private final SharedCache shared;

	/**
	 * How a record is written to the shared cache: offsets and versions as they are, and
	 * everything the service uses, even what the API leaves out of its answer (the
	 * streams' quality checks, from which the quality report names the worst metric).
	 */
	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.annotationIntrospector(new JacksonAnnotationIntrospector() {

			@Override
			public JsonIgnoreProperties.Value findPropertyIgnoralByName(MapperConfig<?> config, Annotated annotated) {
				if (annotated instanceof AnnotatedMember member && member.getDeclaringClass() == MediaStream.class) {
					return JsonIgnoreProperties.Value.empty();
				}
				return super.findPropertyIgnoralByName(config, annotated);
			}

		})
		.build();

	@Autowired
	CallRecordCache(CacheProperties properties, MeterRegistry meters, SharedCache shared) {
		this(properties, meters, Clock.systemUTC(), shared);
	}

	CallRecordCache(CacheProperties properties, MeterRegistry meters, Clock clock) {
		this(properties, meters, clock, SharedCache.none(meters));
	}

	CallRecordCache(CacheProperties properties, MeterRegistry meters, Clock clock, SharedCache shared) {
		this.properties = properties;
		this.clock = clock;
		this.shared = shared;
		if (properties.enabled()) {
			Cache<Key, Tagged> cache = Caffeine.newBuilder()
				.maximumSize(properties.maxEntries())
				.expireAfter(new Expiry<Key, Tagged>() {

					@Override
					public long expireAfterCreate(Key key, Tagged value, long currentTime) {
						return remaining(value).toNanos();
					}

					@Override
					public long expireAfterUpdate(Key key, Tagged value, long currentTime, long currentDuration) {
						return remaining(value).toNanos();
					}

					@Override
					public long expireAfterRead(Key key, Tagged value, long currentTime, long currentDuration) {
						return currentDuration;
					}

				})
				.recordStats()
				.build();
			CaffeineCacheMetrics.monitor(meters, cache, "callrecords");
			this.cache = cache;
		}
		else {
			this.cache = null;
		}
	}

	@Nullable Tagged get(CallRecordQuery query) {
		return (this.cache != null) ? this.cache.getIfPresent(Key.of(query)) : null;
	}

	/**
	 * Like {@link #get} but not counted in the cache's hit and miss metrics: for a second
	 * look within the same request.
	 */
	@Nullable Tagged peek(CallRecordQuery query) {
		return (this.cache != null) ? this.cache.asMap().get(Key.of(query)) : null;
	}

	/**
	 * Tags a freshly fetched record and keeps it, unless a newer version of the same
	 * shape is already kept (Graph's replicas can lag).
	 * @return the entry now cached, or the tagged record when caching is off
	 */
	Tagged put(CallRecordQuery query, CallRecordResponse record, @Nullable Long version) {
		return keep(Key.of(query), tag(query, record, version));
	}

	/**
	 * Whether a second level is shared with other replicas now.
	 * @return {@code true} in cluster mode with the cache on
	 */
	boolean shared() {
		return this.cache != null && this.shared.shared();
	}

	/**
	 * Looks in the shared cache, and keeps what is found here too.
	 * @param query the query
	 * @return the shared copy, or empty when there is none still fresh
	 */
	Mono<Tagged> getShared(CallRecordQuery query) {
		if (!shared()) {
			return Mono.empty();
		}
		Key key = Key.of(query);
		return this.shared.get("record", key.name()).flatMap((bytes) -> {
			try {
				Tagged tagged = decode(bytes);
				if (remaining(tagged).isZero()) {
					return Mono.empty();
				}
				return Mono.just(keep(key, tagged));
			}
			catch (JacksonException ex) {
				// written by another version of the service: as if absent
				return Mono.empty();
			}
		});
	}

	/**
	 * Keeps a copy in the shared cache for the rest of its lifetime; never fails.
	 * @param query the query
	 * @param tagged the copy
	 * @return done
	 */
	Mono<Void> share(CallRecordQuery query, Tagged tagged) {
		if (!shared()) {
			return Mono.empty();
		}
		return Mono.defer(() -> this.shared.put("record", Key.of(query).name(), encode(tagged), tagged.version(),
				remaining(tagged)));
	}

	/** A copy as kept in the shared cache: JSON, every offset and value as it is. */
	static byte[] encode(Tagged tagged) {
		return JSON.writeValueAsBytes(tagged);
	}

	static Tagged decode(byte[] bytes) {
		return JSON.readValue(bytes, Tagged.class);
	}

	private Tagged keep(Key key, Tagged fresh) {
		Cache<Key, Tagged> cache = this.cache;
		if (cache == null) {
			return fresh;
		}
		return cache.asMap()
			.merge(key, fresh, (kept, candidate) -> (kept.version() != null && candidate.version() != null
					&& kept.version() > candidate.version()) ? kept : candidate);
	}

	/** What is left of a copy's lifetime. */
	private Duration remaining(Tagged tagged) {
		Duration left = tagged.lifetime().minus(age(tagged));
		return left.isNegative() ? Duration.ZERO : left;
	}

	/**
	 * Tags a freshly fetched record without keeping it.
	 * @return the tagged record, fetched now
	 */
	Tagged tag(CallRecordQuery query, CallRecordResponse record, @Nullable Long version) {
		return new Tagged(record, version, etag(query, record.id(), version), this.clock.instant(), lifetime(record));
	}

	/**
	 * How old a copy is, for the {@code Age} header.
	 * @param tagged the copy
	 * @return its age, never negative
	 */
	Duration age(Tagged tagged) {
		Duration age = Duration.between(tagged.fetchedAt(), this.clock.instant());
		return age.isNegative() ? Duration.ZERO : age;
	}

	/**
	 * Whether copies are kept at all.
	 * @return {@code true} when the cache is on
	 */
	boolean enabled() {
		return this.cache != null;
	}

	/**
	 * The name of the answer to a query, the same on every replica.
	 */
	static String name(CallRecordQuery query) {
		return Key.of(query).name();
	}

	/**
	 * What identifies the answer to a query: id (any case), {@code include} and
	 * {@code fields}.
	 */
	static Object key(CallRecordQuery query) {
		return Key.of(query);
	}

	Duration lifetime(CallRecordResponse record) {
		OffsetDateTime end = record.endDateTime();
		boolean settled = end != null
				&& end.toInstant().plus(this.properties.settledAfter()).isBefore(this.clock.instant());
		return settled ? this.properties.settledTtl() : this.properties.ttl();
	}

	static String etag(CallRecordQuery query, String id, @Nullable Long version) {
		String shape = id.toLowerCase(Locale.ROOT) + "|" + version + "|" + new TreeSet<>(query.includes()) + "|"
				+ new TreeSet<>(query.fields());
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(shape.getBytes(StandardCharsets.UTF_8));
			return "W/\"" + ((version != null) ? "v" + version + "-" : "") + HexFormat.of().formatHex(digest, 0, 8)
					+ "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A record as cached and served, with its ETag.
	 *
	 * @param record the shaped record
	 * @param version Graph's version of it
	 * @param etag the entity tag
	 * @param fetchedAt when it was read from Graph
	 * @param lifetime how long it is reused from then
	 */
	record Tagged(CallRecordResponse record, @Nullable Long version, String etag, Instant fetchedAt,
			Duration lifetime) {

	}

	private record Key(String id, Set<CallRecordQuery.Include> includes, Set<String> fields) {

		static Key of(CallRecordQuery query) {
			return new Key(query.id().toLowerCase(Locale.ROOT), Set.copyOf(query.includes()),
					Set.copyOf(query.fields()));
		}

		/** The key as one string, the same on every replica. */
		String name() {
			return this.id + "|" + new TreeSet<>(this.includes) + "|" + new TreeSet<>(this.fields);
		}

	}

}
