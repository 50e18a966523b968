package io.callrecords.proxy.graph;

import java.util.List;
import java.util.Set;

/**
 * A request for one call record.
 *
 * @param callRecordId the record's id, already validated as a GUID
 * @param expand the navigation properties to expand
 * @param select the callRecord properties to select; empty selects all
 * @param clientRequestId the {@code client-request-id} to send to Graph
 */
public record CallRecordRequest(String callRecordId, Set<Expansion> expand, List<String> select,
		String clientRequestId) {

	public CallRecordRequest {
		expand = Set.copyOf(expand);
		select = List.copyOf(select);
	}

	/**
	 * Graph {@code $expand} options of a call record.
	 */
	public enum Expansion {

		/** The organizer, auto-expanded by Graph unless {@code $select} is used. */
		ORGANIZER("organizer_v2"),

		/** The participants. */
		PARTICIPANTS("participants_v2"),

		/** The sessions without segments. */
		SESSIONS("sessions"),

		/** The sessions with their segments. */
		SESSIONS_WITH_SEGMENTS("sessions($expand=segments)");

		private final String odata;

		Expansion(String odata) {
			this.odata = odata;
		}

		/**
		 * The expansion as written in {@code $expand}.
		 * @return the OData expression
		 */
		public String odata() {
			return this.odata;
		}

	}

}
