package io.callrecords.proxy.callrecords;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.callrecords.proxy.graph.CallRecordFilter;
import io.callrecords.proxy.graph.GraphClient;
import io.callrecords.proxy.graph.GraphCollection;
import io.callrecords.proxy.graph.GraphDeadline;
import io.callrecords.proxy.graph.GraphException;
import io.callrecords.proxy.graph.GraphFailure;
import io.callrecords.proxy.graph.GraphPage;
import io.callrecords.proxy.graph.GraphProperties;
import io.callrecords.proxy.graph.GraphResilienceProperties;
import io.callrecords.proxy.graph.PageRequest;
import io.callrecords.proxy.web.InvalidCursorException;
import io.callrecords.proxy.web.InvalidRequestException;
import io.callrecords.proxy.web.InvalidRequestException.InvalidParameter;
import org.jspecify.annotations.Nullable;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;

/**
 * The call-records use cases: validates what callers ask for, turns it into Graph
 * requests, follows Graph's pages where a whole collection is wanted, and seals Graph's
 * next links into cursors where the caller pages.
 */
@Service
class CallRecordService {

	private final GraphClient graph;

	private final CallRecordMapper mapper;

	private final Cursors cursors;

	private final int maxExpandedItems;

	private final Function<Context, Context> deadline;

	private final CallRecordCache cache;

	private final Map<Object, Mono<CallRecordCache.Tagged>> inFlight = new ConcurrentHashMap<>();

	CallRecordService(GraphClient graph, GraphProperties graphProperties, GraphResilienceProperties resilience,
			ApiProperties apiProperties, CacheProperties cacheProperties, MeterRegistry meters) {
		this.graph = graph;
		this.cache = new CallRecordCache(cacheProperties, meters, Clock.systemUTC());
		this.deadline = GraphDeadline.startingNow(resilience.requestTimeout(), Clock.systemUTC());
		this.mapper = new CallRecordMapper(graphProperties.tenantId());
		this.cursors = new Cursors(apiProperties.cursorKey());
		this.maxExpandedItems = apiProperties.maxExpandedItems();
	}

	/**
	 * One record, from the cache when a fresh copy of the same shape is there.
	 */
	Mono<CallRecordCache.Tagged> getCallRecord(CallRecordQuery query, String clientRequestId) {
		return Mono.defer(() -> {
			CallRecordCache.Tagged cached = this.cache.get(query);
			if (cached != null) {
				return Mono.just(cached);
			}
			// identical requests in flight share one fetch. A fetch is cached before it
			// leaves the map, so the cache is looked at again under the map's lock: a
			// request that missed the cache just before a fetch finished finds the cached
			// record instead of starting a second fetch.
			AtomicReference<CallRecordCache.Tagged> cachedMeanwhile = new AtomicReference<>();
			Mono<CallRecordCache.Tagged> flight = this.inFlight.computeIfAbsent(CallRecordCache.key(query), (key) -> {
				CallRecordCache.Tagged justCached = this.cache.peek(query);
				if (justCached != null) {
					cachedMeanwhile.set(justCached);
					return null;
				}
				return fetch(query, clientRequestId)
					.map((record) -> this.cache.put(query, query.shape(record), record.version()))
					.doOnEach((signal) -> this.inFlight.remove(key))
					.doFinally((signal) -> this.inFlight.remove(key))
					.cache();
			});
			return (flight != null) ? flight : Mono.just(cachedMeanwhile.get());
		});
	}

	private Mono<CallRecordResponse> fetch(CallRecordQuery query, String clientRequestId) {
		return this.graph.getCallRecord(query.toGraphRequest(clientRequestId)).flatMap((json) -> {
			CallRecordResponse record = this.mapper.callRecord(json);
			Mono<Collected<Party>> participants = collect(record.participants(),
					nextLink(json, "participants_v2@odata.nextLink"),
					PageRequest.participants(query.id(), null, clientRequestId), this.mapper::participant);
			Mono<Collected<Session>> sessions = collect(
					record.sessions(), nextLink(json, "sessions@odata.nextLink"), PageRequest.sessions(query.id(),
							query.includes().contains(CallRecordQuery.Include.SEGMENTS), null, clientRequestId),
					this.mapper::session);
			return Mono.zip(participants, sessions)
				.map((both) -> record.withCollections(both.getT1().items(), both.getT1().truncated(),
						both.getT2().items(), both.getT2().truncated()));
		}).contextWrite(this.deadline);
	}

	Mono<CallRecordPage> listCallRecords(@Nullable OffsetDateTime from, @Nullable OffsetDateTime to,
			@Nullable String participantId, @Nullable Integer pageSize, @Nullable String cursor,
			String clientRequestId) {
		List<InvalidParameter> errors = new ArrayList<>();
		if (participantId != null && !CallRecordFilter.PARTICIPANT_ID.matcher(participantId).matches()) {
			errors.add(new InvalidParameter("participantId",
					"participantId must be a participant's object id (a GUID) or an E.164 phone number such as "
							+ "+14255550100."));
		}
		if (from != null && to != null && !from.isBefore(to)) {
			errors.add(new InvalidParameter("to", "to must be after from."));
		}
		checkPageSize(pageSize, GraphCollection.CALL_RECORDS, errors);
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		CallRecordFilter filter = new CallRecordFilter((from != null) ? from.toInstant() : null,
				(to != null) ? to.toInstant() : null, participantId);
		String odataFilter = String.valueOf(filter.toOData());
		PageRequest request = PageRequest.callRecords(filter, pageSize, clientRequestId);
		if (cursor != null) {
			String[] payload = this.cursors.open("call-records", cursor).split("\n", 2);
			boolean filtered = from != null || to != null || participantId != null;
			if (payload.length != 2 || (filtered && !payload[0].equals(odataFilter))) {
				throw new InvalidCursorException("The cursor belongs to a query with other filters. Send the cursor "
						+ "alone, or with the filters of the query that returned it.");
			}
			odataFilter = payload[0];
			request = request.continueAt(link(payload[1], GraphCollection.CALL_RECORDS, null));
		}
		String scopeFilter = odataFilter;
		return this.graph.getPage(request)
			.map((page) -> new CallRecordPage(items(page, (json) -> CallRecordSummary.of(this.mapper.callRecord(json))),
					seal("call-records", scopeFilter + "\n", page)))
			.contextWrite(this.deadline);
	}

	Mono<SessionPage> listSessions(String id, boolean includeSegments, @Nullable Integer pageSize,
			@Nullable String cursor, String clientRequestId) {
		checkRecordPage(id, pageSize, GraphCollection.SESSIONS);
		String scope = "sessions/" + id.toLowerCase(Locale.ROOT) + "/segments=" + includeSegments;
		PageRequest request = PageRequest.sessions(id, includeSegments, pageSize, clientRequestId);
		if (cursor != null) {
			request = request.continueAt(link(this.cursors.open(scope, cursor), GraphCollection.SESSIONS, id));
		}
		return this.graph.getPage(request)
			.map((page) -> new SessionPage(items(page,
					includeSegments ? this.mapper::session : (json) -> this.mapper.session(json).withoutSegments()),
					seal(scope, "", page)))
			.contextWrite(this.deadline);
	}

	Mono<PartyPage> listParticipants(String id, @Nullable Integer pageSize, @Nullable String cursor,
			String clientRequestId) {
		checkRecordPage(id, pageSize, GraphCollection.PARTICIPANTS);
		String scope = "participants/" + id.toLowerCase(Locale.ROOT);
		PageRequest request = PageRequest.participants(id, pageSize, clientRequestId);
		if (cursor != null) {
			request = request.continueAt(link(this.cursors.open(scope, cursor), GraphCollection.PARTICIPANTS, id));
		}
		return this.graph.getPage(request)
			.map((page) -> new PartyPage(items(page, this.mapper::participant), seal(scope, "", page)))
			.contextWrite(this.deadline);
	}

	private void checkRecordPage(String id, @Nullable Integer pageSize, GraphCollection collection) {
		List<InvalidParameter> errors = new ArrayList<>();
		if (!CallRecordQuery.GUID.matcher(id).matches()) {
			errors.add(new InvalidParameter("id", "id must be a call record id (a GUID)."));
		}
		checkPageSize(pageSize, collection, errors);
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
	}

	private static void checkPageSize(@Nullable Integer pageSize, GraphCollection collection,
			List<InvalidParameter> errors) {
		if (pageSize != null && (pageSize < 1 || pageSize > collection.maxPageSize())) {
			errors.add(new InvalidParameter("pageSize", "pageSize must be 1 to " + collection.maxPageSize() + "."));
		}
	}

	/**
	 * A cursor's link, checked to lead to the configured Graph and the same collection
	 * before the service's token can be sent to it.
	 */
	private URI link(String link, GraphCollection collection, @Nullable String callRecordId) {
		try {
			URI uri = new URI(link);
			if (this.graph.isLinkTo(uri, collection, callRecordId)) {
				return uri;
			}
		}
		catch (URISyntaxException ex) {
			// reported below
		}
		throw new InvalidCursorException("The cursor does not lead to this service's Microsoft Graph.");
	}

	private @Nullable String seal(String scope, String prefix, GraphPage page) {
		return (page.nextLink() != null) ? this.cursors.seal(scope, prefix + page.nextLink()) : null;
	}

	private static <T> List<T> items(GraphPage page, Function<JsonNode, @Nullable T> mapper) {
		List<T> items = new ArrayList<>(page.items().size());
		for (JsonNode item : page.items()) {
			T mapped = mapper.apply(item);
			if (mapped != null) {
				items.add(mapped);
			}
		}
		return items;
	}

	private static @Nullable URI nextLink(JsonNode record, String field) {
		JsonNode link = record.get(field);
		if (link == null || !link.isString()) {
			return null;
		}
		try {
			return new URI(link.asString());
		}
		catch (URISyntaxException ex) {
			throw new GraphException(GraphFailure.BAD_RESPONSE, "Graph sent a malformed " + field, ex);
		}
	}

	/**
	 * Follows a collection's next links until its end or {@code maxExpandedItems},
	 * mapping each page as it arrives so that only one page of Graph JSON is held at a
	 * time.
	 */
	private <T> Mono<Collected<T>> collect(@Nullable List<T> first, @Nullable URI next, PageRequest request,
			Function<JsonNode, @Nullable T> mapper) {
		if (first == null) {
			return Mono.just(new Collected<>(null, false));
		}
		return follow(new ArrayList<>(first), next, request, mapper);
	}

	private <T> Mono<Collected<T>> follow(List<T> items, @Nullable URI next, PageRequest request,
			Function<JsonNode, @Nullable T> mapper) {
		if (items.size() > this.maxExpandedItems || (items.size() == this.maxExpandedItems && next != null)) {
			return Mono.just(new Collected<>(List.copyOf(items.subList(0, this.maxExpandedItems)), true));
		}
		if (next == null) {
			return Mono.just(new Collected<>(items, false));
		}
		return this.graph.getPage(request.continueAt(next))
			.onErrorMap((ex) -> ex instanceof GraphException failure && failure.failure() == GraphFailure.LINK_EXPIRED,
					(ex) -> new GraphException(GraphFailure.UNEXPECTED_STATUS,
							"Graph rejected the next link of an expanded collection", ex))
			.flatMap((page) -> {
				items.addAll(items(page, mapper));
				return follow(items, page.nextLink(), request, mapper);
			});
	}

	private record Collected<T>(@Nullable List<T> items, boolean truncated) {
	}

}
