package io.callrecords.proxy.graph.internal;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.callrecords.proxy.graph.GraphCallRecord;
import io.callrecords.proxy.graph.GraphIdentitySet;
import io.callrecords.proxy.graph.GraphParticipant;
import io.callrecords.proxy.graph.GraphSession;
import org.jspecify.annotations.Nullable;

/**
 * A {@code callRecord} as Graph writes it, with the next links of its expanded
 * collections, which only the client follows.
 */
record CallRecordBody(@Nullable String id, @Nullable Long version, @Nullable String type,
		@Nullable List<@Nullable String> modalities, @Nullable OffsetDateTime startDateTime,
		@Nullable OffsetDateTime endDateTime, @Nullable OffsetDateTime lastModifiedDateTime,
		@Nullable String joinWebUrl, @JsonProperty("organizer_v2") @Nullable GraphParticipant organizer,
		@JsonProperty("organizer") @Nullable GraphIdentitySet legacyOrganizer,
		@JsonProperty("participants_v2") @Nullable List<@Nullable GraphParticipant> participants,
		@JsonProperty("participants_v2@odata.nextLink") @Nullable String participantsNextLink,
		@JsonProperty("participants") @Nullable List<@Nullable GraphIdentitySet> legacyParticipants,
		@Nullable List<@Nullable GraphSession> sessions,
		@JsonProperty("sessions@odata.nextLink") @Nullable String sessionsNextLink) {

	GraphCallRecord toRecord(@Nullable List<@Nullable GraphParticipant> participants, boolean participantsTruncated,
			@Nullable List<@Nullable GraphSession> sessions, boolean sessionsTruncated) {
		return new GraphCallRecord(this.id, this.version, this.type, this.modalities, this.startDateTime,
				this.endDateTime, this.lastModifiedDateTime, this.joinWebUrl, this.organizer, this.legacyOrganizer,
				participants, this.legacyParticipants, sessions, participantsTruncated, sessionsTruncated);
	}

}
