package io.callrecords.proxy.graph;

import org.jspecify.annotations.Nullable;

/**
 * A request for one page of a Graph collection: the first page of a query, or the page
 * behind a {@link PageLink} of an earlier page.
 *
 * @param collection the collection
 * @param callRecordId the record, for a record's collections
 * @param filter the list filter, for {@link GraphCollection#CALL_RECORDS}
 * @param expandSegments whether sessions come with their segments
 * @param pageSize the page size to ask Graph for
 * @param next the link to follow instead of starting the query
 * @param clientRequestId the {@code client-request-id} to send to Graph
 */
public record PageRequest(GraphCollection collection, @Nullable String callRecordId, @Nullable CallRecordFilter filter,
		boolean expandSegments, @Nullable Integer pageSize, @Nullable PageLink next, String clientRequestId) {

	public PageRequest {
		if (!collection.accepts(pageSize)) {
			throw new IllegalArgumentException("pageSize must be 1 to " + collection.maxPageSize());
		}
		if (collection.perRecord() != (callRecordId != null)) {
			throw new IllegalArgumentException("callRecordId is required exactly for a record's collections");
		}
		if (callRecordId != null && !GraphIds.isGuid(callRecordId)) {
			throw new IllegalArgumentException("callRecordId must be a GUID");
		}
		if (collection.callLog() && (filter == null || filter.from() == null || filter.to() == null
				|| filter.participantId() != null || pageSize != null)) {
			throw new IllegalArgumentException("a call log is read for a time range, in Graph's own pages");
		}
	}

	public static PageRequest callRecords(CallRecordFilter filter, @Nullable Integer pageSize, String clientRequestId) {
		return new PageRequest(GraphCollection.CALL_RECORDS, null, filter, false, pageSize, null, clientRequestId);
	}

	public static PageRequest sessions(String callRecordId, boolean expandSegments, @Nullable Integer pageSize,
			String clientRequestId) {
		return new PageRequest(GraphCollection.SESSIONS, callRecordId, null, expandSegments, pageSize, null,
				clientRequestId);
	}

	public static PageRequest participants(String callRecordId, @Nullable Integer pageSize, String clientRequestId) {
		return new PageRequest(GraphCollection.PARTICIPANTS, callRecordId, null, false, pageSize, null,
				clientRequestId);
	}

	/**
	 * The first page of a PSTN call log for a time range: Graph pages it 1,000 rows at a
	 * time.
	 * @param collection {@link GraphCollection#PSTN_CALLS} or
	 * {@link GraphCollection#DIRECT_ROUTING_CALLS}
	 * @param range the calls' start times, both bounds set
	 * @param clientRequestId the {@code client-request-id} to send to Graph
	 * @return the request
	 */
	public static PageRequest callLog(GraphCollection collection, CallRecordFilter range, String clientRequestId) {
		return new PageRequest(collection, null, range, false, null, null, clientRequestId);
	}

	/**
	 * The same request continued at a link of an earlier page.
	 * @param link the link
	 * @return the request for the page behind the link
	 */
	public PageRequest continueAt(@Nullable PageLink link) {
		return new PageRequest(this.collection, this.callRecordId, this.filter, this.expandSegments, this.pageSize,
				link, this.clientRequestId);
	}

}
