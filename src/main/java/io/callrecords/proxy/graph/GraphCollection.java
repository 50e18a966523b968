package io.callrecords.proxy.graph;

/**
 * The paged call-records collections of Graph, with the largest page Graph serves for
 * each: the one rule for page sizes.
 */
public enum GraphCollection {

	/** The call record list; Graph's default page is 60 records. */
	CALL_RECORDS(60),

	/** A record's sessions; at most 60 per page. */
	SESSIONS(60),

	/** A record's participants; at most 130 per page. */
	PARTICIPANTS(130),

	/**
	 * The PSTN call log ({@code getPstnCalls}): 1,000 rows per page, paged by
	 * {@code $skip}.
	 */
	PSTN_CALLS(1000),

	/**
	 * The Direct Routing call log ({@code getDirectRoutingCalls}): 1,000 rows per page,
	 * paged by {@code $skip}.
	 */
	DIRECT_ROUTING_CALLS(1000);

	private final int maxPageSize;

	GraphCollection(int maxPageSize) {
		this.maxPageSize = maxPageSize;
	}

	/**
	 * The largest page Graph serves for this collection.
	 * @return the page size
	 */
	public int maxPageSize() {
		return this.maxPageSize;
	}

	/**
	 * Whether the collection belongs to one call record.
	 * @return {@code true} for sessions and participants
	 */
	public boolean perRecord() {
		return this == SESSIONS || this == PARTICIPANTS;
	}

	/**
	 * Whether the collection is one of the PSTN call-log functions, which Graph throttles
	 * under their own limits and which take a time range.
	 * @return {@code true} for the PSTN and Direct Routing logs
	 */
	public boolean callLog() {
		return this == PSTN_CALLS || this == DIRECT_ROUTING_CALLS;
	}

	/**
	 * Whether Graph serves pages of this size for this collection.
	 * @param pageSize the size asked for, {@code null} for Graph's default
	 * @return {@code true} for no size or 1 to {@link #maxPageSize()}
	 */
	public boolean accepts(@org.jspecify.annotations.Nullable Integer pageSize) {
		return pageSize == null || (pageSize >= 1 && pageSize <= this.maxPageSize);
	}

}
