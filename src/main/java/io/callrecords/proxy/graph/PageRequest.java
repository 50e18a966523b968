package io.callrecords.proxy.graph;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * A request for one page of a Graph collection: the first page of a query, or the page
 * behind a {@code @odata.nextLink} Graph gave earlier.
 *
 * @param collection the collection
 * @param callRecordId the record, for a record's collections
 * @param filter the list filter, for {@link GraphCollection#CALL_RECORDS}
 * @param expandSegments whether sessions come with their segments
 * @param pageSize the page size to ask Graph for ({@code Prefer: odata.maxpagesize})
 * @param nextLink the Graph link to follow instead of starting the query
 * @param clientRequestId the {@code client-request-id} to send to Graph
 */
public record PageRequest(GraphCollection collection, @Nullable String callRecordId, @Nullable CallRecordFilter filter,
		boolean expandSegments, @Nullable Integer pageSize, @Nullable URI nextLink, String clientRequestId) {

	public PageRequest {
		if (pageSize != null && (pageSize < 1 || pageSize > collection.maxPageSize())) {
			throw new IllegalArgumentException("pageSize must be 1 to " + collection.maxPageSize());
		}
		if ((collection == GraphCollection.CALL_RECORDS) != (callRecordId == null)) {
			throw new IllegalArgumentException("callRecordId is required exactly for a record's collections");
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
	 * The same request continued at a Graph next link.
	 * @param link the {@code @odata.nextLink}
	 * @return the request for the page behind the link
	 */
	public PageRequest continueAt(URI link) {
		return new PageRequest(this.collection, this.callRecordId, this.filter, this.expandSegments, this.pageSize,
				link, this.clientRequestId);
	}

}
