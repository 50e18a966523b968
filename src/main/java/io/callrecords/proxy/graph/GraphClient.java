package io.callrecords.proxy.graph;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Reads call records from Microsoft Graph with the service's app-only token, into typed
 * records. Everything about Graph's wire format lives behind it: property names, OData,
 * paging links and their safety, tokens, throttling and retries. Each call gets the
 * request deadline ({@code GRAPH_REQUEST_TIMEOUT}) unless an outer one is set. Failures
 * are signalled as {@link GraphException}.
 */
public interface GraphClient {

	/**
	 * Gets one call record, with the collections it expands read to their end or to the
	 * most items the request allows.
	 * @param request what to get
	 * @return the record
	 */
	Mono<GraphCallRecord> getCallRecord(CallRecordRequest request);

	/**
	 * Gets one page of the call record list.
	 * @param request the page
	 * @return the page
	 */
	Mono<GraphPage<GraphCallRecord>> listCallRecords(PageRequest request);

	/**
	 * Gets one page of a record's sessions.
	 * @param request the page
	 * @return the page
	 */
	Mono<GraphPage<GraphSession>> listSessions(PageRequest request);

	/**
	 * Gets one page of a record's participants.
	 * @param request the page
	 * @return the page
	 */
	Mono<GraphPage<GraphParticipant>> listParticipants(PageRequest request);

	/**
	 * Gets one page of the PSTN call log ({@code getPstnCalls}), rows as Graph returns
	 * them for the request's range.
	 * @param request the page, of {@link GraphCollection#PSTN_CALLS}
	 * @return the page
	 */
	Mono<GraphPage<GraphPstnCallRow>> listPstnCalls(PageRequest request);

	/**
	 * Gets one page of the Direct Routing call log ({@code getDirectRoutingCalls}), rows
	 * as Graph returns them for the request's range.
	 * @param request the page, of {@link GraphCollection#DIRECT_ROUTING_CALLS}
	 * @return the page
	 */
	Mono<GraphPage<GraphDirectRoutingRow>> listDirectRoutingCalls(PageRequest request);

	/**
	 * Reads a link kept from an earlier page (for example from a caller's cursor),
	 * checking that it leads to the configured Graph and to the given collection, so that
	 * the service's token may be sent to it.
	 * @param link the link as text
	 * @param collection the collection it must page
	 * @param callRecordId the record, for a record's collections
	 * @return the link, or {@code null} when it may not be followed
	 */
	@Nullable PageLink pageLink(String link, GraphCollection collection, @Nullable String callRecordId);

}
