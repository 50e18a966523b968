package io.callrecords.proxy.callrecords;

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
 */
@Service
class CallRecordReads {

	private final GraphClient graph;

	private final CallRecordMapper mapper;

	private final CallRecordCache cache;

	private final ApiProperties properties;

	private final RecordFailures failures;

	private final SingleFlight<Object, CallRecordCache.Tagged> flights = new SingleFlight<>();

	CallRecordReads(GraphClient graph, CallRecordMapper mapper, CallRecordCache cache, ApiProperties properties,
			RecordFailures failures) {
		this.graph = graph;
		this.mapper = mapper;
		this.cache = cache;
		this.properties = properties;
		this.failures = failures;
	}

	Mono<CallRecordCache.Tagged> getCallRecord(CallRecordQuery query, String clientRequestId) {
		return Mono.defer(() -> {
			CallRecordCache.Tagged cached = this.cache.get(query);
			if (cached != null) {
				return Mono.just(cached);
			}
			Object key = CallRecordCache.key(query);
			GraphException remembered = this.failures.recall(key);
			if (remembered != null) {
				return Mono.error(remembered);
			}
			return this.flights.run(key, () -> this.cache.peek(query),
					(flight) -> this.graph
						.getCallRecord(query.toGraphRequest(this.properties.maxExpandedItems(), clientRequestId))
						.map((record) -> {
							// the version tags the answer even when it was not asked for
							CallRecordResponse mapped = this.mapper.callRecord(record);
							return this.cache.put(query, query.shape(mapped), mapped.version());
						})
						// learnt before the flight ends, so that no later read misses it
						.doOnSuccess((tagged) -> this.failures.succeeded(flight))
						.onErrorMap((ex) -> this.failures.failed(flight, ex)));
		});
	}

}
