package io.callrecords.proxy.graph;

import java.util.List;
import java.util.Set;

/**
 * A request for one call record.
 *
 * @param callRecordId the record's id, a GUID
 * @param expand the related data to read with it
 * @param select the properties to read, in this order; empty reads all
 * @param maxExpandedItems how many participants, and how many sessions, to read at most;
 * beyond it the record says it was truncated
 * @param clientRequestId the {@code client-request-id} to send to Graph
 */
public record CallRecordRequest(String callRecordId, Set<Expansion> expand, List<Property> select, int maxExpandedItems,
		String clientRequestId) {

	public CallRecordRequest {
		if (!GraphIds.isGuid(callRecordId)) {
			throw new IllegalArgumentException("callRecordId must be a GUID");
		}
		if (maxExpandedItems < 1) {
			throw new IllegalArgumentException("maxExpandedItems must be positive");
		}
		expand = Set.copyOf(expand);
		select = List.copyOf(select);
	}

	/**
	 * Related data of a call record.
	 */
	public enum Expansion {

		/** The organizer, read by Graph unless properties are selected. */
		ORGANIZER,

		/** The participants. */
		PARTICIPANTS,

		/** The sessions without segments. */
		SESSIONS,

		/** The sessions with their segments. */
		SESSIONS_WITH_SEGMENTS

	}

	/**
	 * The call record properties that can be selected.
	 */
	public enum Property {

		ID, VERSION, TYPE, MODALITIES, START_DATE_TIME, END_DATE_TIME, LAST_MODIFIED_DATE_TIME, JOIN_WEB_URL

	}

}
