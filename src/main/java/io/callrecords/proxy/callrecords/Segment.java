package io.callrecords.proxy.callrecords;

import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One segment of a session ({@code Segment} in {@code api-spec.yaml}).
 *
 * @param id the segment id
 * @param startDateTime the start
 * @param endDateTime the end
 * @param caller the calling endpoint
 * @param callee the called endpoint
 * @param failureInfo why the segment failed, if it did
 * @param media the media exchanged, with their streams
 */
public record Segment(@Nullable String id, @Nullable OffsetDateTime startDateTime, @Nullable OffsetDateTime endDateTime,
		@Nullable SessionEndpoint caller, @Nullable SessionEndpoint callee, @Nullable FailureInfo failureInfo,
		@Nullable List<Media> media) {

}
