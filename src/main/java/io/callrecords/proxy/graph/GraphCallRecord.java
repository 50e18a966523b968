package io.callrecords.proxy.graph;

import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A Graph {@code callRecord} as read from Graph, with its expanded collections complete:
 * the client has already followed the nested next links of {@code participants_v2} and
 * {@code sessions}, up to the most items a request allows.
 *
 * @param id the record's id
 * @param version increases when Microsoft adds data
 * @param type {@code groupCall}, {@code peerToPeer}, {@code unknown} or a later value
 * @param modalities the media used
 * @param startDateTime when the first participant joined
 * @param endDateTime when the last participant left
 * @param lastModifiedDateTime when Microsoft last changed the record
 * @param joinWebUrl the meeting's join link
 * @param organizer the organizer ({@code organizer_v2})
 * @param legacyOrganizer the deprecated identity set {@code organizer}, for records from
 * before {@code organizer_v2}
 * @param participants the participants ({@code participants_v2}), when expanded
 * @param legacyParticipants the deprecated identity sets {@code participants}
 * @param sessions the sessions, when expanded
 * @param participantsTruncated whether Graph had more participants than were read
 * @param sessionsTruncated whether Graph had more sessions than were read
 */
public record GraphCallRecord(@Nullable String id, @Nullable Long version, @Nullable String type,
		@Nullable List<@Nullable String> modalities, @Nullable OffsetDateTime startDateTime,
		@Nullable OffsetDateTime endDateTime, @Nullable OffsetDateTime lastModifiedDateTime,
		@Nullable String joinWebUrl, @Nullable GraphParticipant organizer, @Nullable GraphIdentitySet legacyOrganizer,
		@Nullable List<@Nullable GraphParticipant> participants,
		@Nullable List<@Nullable GraphIdentitySet> legacyParticipants, @Nullable List<@Nullable GraphSession> sessions,
		boolean participantsTruncated, boolean sessionsTruncated) {

}
