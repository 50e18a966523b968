package io.callrecords.proxy.callrecords;

import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A call record as the API returns it ({@code CallRecord} in {@code api-spec.yaml}).
 * Absent values are omitted from the JSON.
 *
 * @param id the record's id
 * @param version increases when Microsoft adds data to the record
 * @param type {@code groupCall}, {@code peerToPeer}, {@code unknown} or a later value
 * @param modalities the media used in the call
 * @param startDateTime when the first participant joined
 * @param endDateTime when the last participant left
 * @param durationSeconds end minus start, in seconds
 * @param lastModifiedDateTime when Microsoft last changed the record
 * @param joinWebUrl the meeting's join link
 * @param organizer the organizer
 * @param participants the participants, with {@code include=participants}
 * @param sessions the sessions, with {@code include=sessions} or {@code include=segments}
 * @param participantsTruncated {@code true} when more participants exist than are
 * returned
 * @param sessionsTruncated {@code true} when more sessions exist than are returned
 */
public record CallRecordResponse(String id, @Nullable Long version, @Nullable String type,
		@Nullable List<String> modalities, @Nullable OffsetDateTime startDateTime, @Nullable OffsetDateTime endDateTime,
		@Nullable Double durationSeconds, @Nullable OffsetDateTime lastModifiedDateTime, @Nullable String joinWebUrl,
		@Nullable Party organizer, @Nullable List<Party> participants, @Nullable List<Session> sessions,
		@Nullable Boolean participantsTruncated, @Nullable Boolean sessionsTruncated) {

}
