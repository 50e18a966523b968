package io.callrecords.proxy.callrecords;

import java.time.Duration;
import java.util.List;

import io.callrecords.proxy.cluster.SharedFlights;
import io.callrecords.proxy.graph.GraphClient;
import io.callrecords.proxy.graph.GraphException;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Reads one call record: from the cache when a fresh copy of the same shape is there,
 * else from Graph, with identical reads in flight sharing one Graph fetch. A fetch is
 * cached before it leaves the flight, and the cache is looked at again before a new
 * flight starts, so a read that just missed the cache as a fetch finished does not fetch
 * again. A record Graph keeps failing to give is answered with its remembered failure
 * ({@link RecordFailures}) until it may be tried again.
 * <p>
 * In cluster mode a read this replica cannot answer from its own cache looks in the
 * replicas' shared cache, and identical reads on different replicas share one Graph fetch
 * ({@link SharedFlights}).
 */
@Service
class CallRecordReads {

	private final GraphClient graph;

	private final CallRecordMapper mapper;

	private final CallRecordCache cache;

	private final ApiProperties properties;

	private final RecordFailures failures;

	private final SingleFlight<Object, CallRecordCache.Tagged> flights = new SingleFlight<>();

	private final SharedFlights sharedFlights;

	CallRecordReads(GraphClient graph, CallRecordMapper mapper, CallRecordCache cache, ApiProperties properties,
			RecordFailures failures, SharedFlights sharedFlights) {
		this.sharedFlights = sharedFlights;
		this.graph = graph;
		this.mapper = mapper;
		this.cache = cache;
		this.properties = properties;
		this.failures = failures;
	}

	Mono<CallRecordCache.Tagged> getCallRecord(CallRecordQuery query, String clientRequestId) {
		return getCallRecord(query, clientRequestId, CacheDirectives.NONE);
	}

	/**
	 * Reads a record as the caller's cache directives allow: {@code no-store} neither
	 * reads nor keeps a copy; {@code no-cache} or a {@code max-age} the cached copy
	 * exceeds fetches from Graph and refreshes the copy.
	 */
	Mono<CallRecordCache.Tagged> getCallRecord(CallRecordQuery query, String clientRequestId,
			CacheDirectives directives) {
		return Mono.defer(() -> {
			Object key = CallRecordCache.key(query);
			// whatever the caller's directives, a record Graph keeps failing to give is
			// not
			// asked for again before its time
			GraphException remembered = this.failures.recall(key);
			if (remembered != null) {
				return Mono.error(remembered);
			}
			if (directives.noStore()) {
				return this.flights.run(List.of(key, "no-store"), () -> null, (flight) -> fetch(query, clientRequestId)
					.map((mapped) -> this.cache.tag(query, query.shape(mapped), mapped.version())));
			}
			CallRecordCache.Tagged cached = this.cache.get(query);
			if (cached != null && directives.accepts(this.cache.age(cached))) {
				return Mono.just(cached);
			}
			// a revalidation shares no flight with reads that would take the cached copy
			boolean revalidation = directives.maxAge() != null;
			if (revalidation) {
				return this.flights.run(List.of(key, "revalidate"), () -> null,
						(flight) -> fetchAndKeep(query, clientRequestId));
			}
			return this.flights.run(key, () -> this.cache.peek(query), (flight) -> shared(query, clientRequestId));
		});
	}

	/**
	 * This replica's cache missed: in cluster mode the shared cache, or else the one
	 * fetch of all replicas; in local mode a fetch.
	 */
	private Mono<CallRecordCache.Tagged> shared(CallRecordQuery query, String clientRequestId) {
		if (!this.cache.shared()) {
			return fetchAndKeep(query, clientRequestId);
		}
		return this.sharedFlights.run(CallRecordCache.name(query), () -> this.cache.getShared(query),
				() -> fetchAndKeep(query, clientRequestId));
	}

	/** Fetches, keeps the copy here and, in cluster mode, in the shared cache. */
	private Mono<CallRecordCache.Tagged> fetchAndKeep(CallRecordQuery query, String clientRequestId) {
		return fetch(query, clientRequestId)
			// the version tags the answer even when it was not asked for
			.map((mapped) -> this.cache.put(query, query.shape(mapped), mapped.version()))
			.flatMap((tagged) -> this.cache.share(query, tagged).thenReturn(tagged));
	}

	/**
	 * How old a copy is.
	 * @param tagged the copy
	 * @return its age
	 */
	Duration age(CallRecordCache.Tagged tagged) {
		return this.cache.age(tagged);
	}

	/**
	 * Whether answers are kept for reuse.
	 * @return {@code true} when the cache is on
	 */
	boolean caching() {
		return this.cache.enabled();
	}

	/**
	 * Fetches and maps a record; what came of it is learnt before the flight ends, so
	 * that no later read misses a remembered failure.
	 */
	private Mono<CallRecordResponse> fetch(CallRecordQuery query, String clientRequestId) {
		Object key = CallRecordCache.key(query);
		return this.graph.getCallRecord(query.toGraphRequest(this.properties.maxExpandedItems(), clientRequestId))
			.map(this.mapper::callRecord)
			.doOnSuccess((mapped) -> this.failures.succeeded(key))
			.onErrorMap((ex) -> this.failures.failed(key, ex));
	}

}
