package io.callrecords.proxy.graph;

import org.jspecify.annotations.Nullable;

/**
 * The paged call-records collections of Graph.
 */
public enum GraphCollection {

	/** {@code /communications/callRecords}; Graph's default page is 60 records. */
	CALL_RECORDS("/communications/callRecords", 60),

	/** {@code /communications/callRecords/{id}/sessions}; at most 60 per page. */
	SESSIONS("/communications/callRecords/%s/sessions", 60),

	/** {@code /communications/callRecords/{id}/participants_v2}; at most 130 per page. */
	PARTICIPANTS("/communications/callRecords/%s/participants_v2", 130);

	private final String pathTemplate;

	private final int maxPageSize;

	GraphCollection(String pathTemplate, int maxPageSize) {
		this.pathTemplate = pathTemplate;
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
	 * The collection's path below Graph's base URL.
	 * @param callRecordId the record, for the record's collections
	 * @return the path
	 */
	public String path(@Nullable String callRecordId) {
		return (this == CALL_RECORDS) ? this.pathTemplate : String.format(this.pathTemplate, callRecordId);
	}

}
