package io.callrecords.proxy.callrecords;

import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A call record as listed ({@code CallRecordSummary} in {@code api-spec.yaml}): Graph
 * never lists participants or sessions.
 *
 * @param id the record's id
 * @param version increases when Microsoft adds data to the record
 * @param type the call type
 * @param modalities the media used
 * @param startDateTime the start
 * @param endDateTime the end
 * @param durationSeconds end minus start, in seconds
 * @param lastModifiedDateTime when Microsoft last changed the record
 * @param joinWebUrl the meeting's join link
 * @param organizer the organizer
 */
public record CallRecordSummary(String id, @Nullable Long version, @Nullable String type,
		@Nullable List<String> modalities, @Nullable OffsetDateTime startDateTime, @Nullable OffsetDateTime endDateTime,
		@Nullable Double durationSeconds, @Nullable OffsetDateTime lastModifiedDateTime, @Nullable String joinWebUrl,
		@Nullable Party organizer) {

	static CallRecordSummary of(CallRecordResponse record) {
		return new CallRecordSummary(record.id(), record.version(), record.type(), record.modalities(),
				record.startDateTime(), record.endDateTime(), record.durationSeconds(), record.lastModifiedDateTime(),
				record.joinWebUrl(), record.organizer());
	}

}
