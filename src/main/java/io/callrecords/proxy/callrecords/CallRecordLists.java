package io.callrecords.proxy.callrecords;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.callrecords.proxy.callrecords.PageCursors.Opened;
import io.callrecords.proxy.callrecords.PageCursors.Scope;
import io.callrecords.proxy.graph.CallRecordFilter;
import io.callrecords.proxy.graph.GraphClient;
import io.callrecords.proxy.graph.GraphCollection;
import io.callrecords.proxy.graph.PageRequest;
import io.callrecords.proxy.web.InvalidParameter;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * The paged endpoints: validates what callers ask for, asks Graph for one page, maps it,
 * and seals where Graph's collection continues into the page's cursor.
 */
@Service
class CallRecordLists {

	private static final String OTHER_FILTERS = "The cursor continues a query with other filters (from, to, "
			+ "participantId). Send the cursor alone, or with the filters of the query that returned it.";

	private static final String SEGMENTS = "segments=true";

	private static final String NO_SEGMENTS = "segments=false";

	private final GraphClient graph;

	private final CallRecordMapper mapper;

	private final PageCursors cursors;

	CallRecordLists(GraphClient graph, CallRecordMapper mapper, PageCursors cursors) {
		this.graph = graph;
		this.mapper = mapper;
		this.cursors = cursors;
	}

	Mono<CallRecordPage> listCallRecords(@Nullable String from, @Nullable String to, @Nullable String participantId,
			@Nullable Integer pageSize, @Nullable String cursor, String clientRequestId) {
		List<InvalidParameter> errors = new ArrayList<>();
		Instant start = ApiParameters.instant("from", from, errors);
		Instant end = ApiParameters.instant("to", to, errors);
		CallRecordFilter.violations(start, end, participantId)
			.forEach((violation) -> errors.add(new InvalidParameter(violation.parameter(), violation.message())));
		ApiParameters.pageSize(pageSize, GraphCollection.CALL_RECORDS, errors);
		ApiParameters.check(errors);
		CallRecordFilter filter = new CallRecordFilter(start, end, participantId);
		Scope scope = new Scope(GraphCollection.CALL_RECORDS, null);
		String query = key(filter);
		PageRequest request = PageRequest.callRecords(filter, pageSize, clientRequestId);
		if (cursor != null) {
			Opened opened = this.cursors.open(scope, cursor);
			if (filter.isFiltered() && !opened.query().equals(query)) {
				throw new InvalidCursorException(OTHER_FILTERS);
			}
			// the cursor alone continues its own query: its link carries the filter
			query = opened.query();
			request = request.continueAt(opened.next());
		}
		String issuedFor = query;
		return this.graph.listCallRecords(request)
			.map((page) -> new CallRecordPage(page.items().stream().map(this.mapper::summary).toList(),
					this.cursors.seal(scope, issuedFor, page.next())));
	}

	/**
	 * A page of a record's sessions.
	 * @param includeSegments whether the caller asked for segments, or {@code null} when
	 * it did not say: a cursor then continues with its own query's choice
	 */
	Mono<SessionPage> listSessions(String id, @Nullable Boolean includeSegments, @Nullable Integer pageSize,
			@Nullable String cursor, String clientRequestId) {
		checkRecordPage(id, pageSize, GraphCollection.SESSIONS);
		Scope scope = new Scope(GraphCollection.SESSIONS, id);
		boolean segments = Boolean.TRUE.equals(includeSegments);
		Opened opened = null;
		if (cursor != null) {
			opened = this.cursors.open(scope, cursor);
			boolean issuedWithSegments = opened.query().equals(SEGMENTS);
			if (includeSegments != null && includeSegments != issuedWithSegments) {
				throw new InvalidCursorException(
						"The cursor continues a query with includeSegments=" + issuedWithSegments
								+ ". Send the cursor alone, or with includeSegments=" + issuedWithSegments + ".");
			}
			segments = issuedWithSegments;
		}
		boolean withSegments = segments;
		PageRequest request = PageRequest.sessions(id, withSegments, pageSize, clientRequestId);
		if (opened != null) {
			request = request.continueAt(opened.next());
		}
		return this.graph.listSessions(request)
			.map((page) -> new SessionPage(page.items()
				.stream()
				.map(this.mapper::session)
				.map((session) -> withSegments ? session : session.withoutSegments())
				.toList(), this.cursors.seal(scope, withSegments ? SEGMENTS : NO_SEGMENTS, page.next())));
	}

	Mono<PartyPage> listParticipants(String id, @Nullable Integer pageSize, @Nullable String cursor,
			String clientRequestId) {
		checkRecordPage(id, pageSize, GraphCollection.PARTICIPANTS);
		Scope scope = new Scope(GraphCollection.PARTICIPANTS, id);
		PageRequest request = PageRequest.participants(id, pageSize, clientRequestId);
		if (cursor != null) {
			request = request.continueAt(this.cursors.open(scope, cursor).next());
		}
		return this.graph.listParticipants(request)
			.map((page) -> new PartyPage(page.items().stream().map(this.mapper::participant).toList(),
					this.cursors.seal(scope, "", page.next())));
	}

	private static void checkRecordPage(String id, @Nullable Integer pageSize, GraphCollection collection) {
		List<InvalidParameter> errors = new ArrayList<>();
		ApiParameters.recordId(id, errors);
		ApiParameters.pageSize(pageSize, collection, errors);
		ApiParameters.check(errors);
	}

	/** What identifies a list query's filter in its cursors. */
	private static String key(CallRecordFilter filter) {
		return filter.from() + "|" + filter.to() + "|" + filter.participantId();
	}

}
