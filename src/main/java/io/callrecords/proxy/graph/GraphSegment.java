package io.callrecords.proxy.graph;

import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A Graph {@code segment}: one leg of a session.
 *
 * @param id the segment's id
 * @param startDateTime when it started
 * @param endDateTime when it ended
 * @param caller the endpoint that started it
 * @param callee the endpoint that received it
 * @param failureInfo why it failed, when it did
 * @param media the media of the segment
 */
public record GraphSegment(@Nullable String id, @Nullable OffsetDateTime startDateTime,
		@Nullable OffsetDateTime endDateTime, @Nullable GraphEndpoint caller, @Nullable GraphEndpoint callee,
		@Nullable GraphFailureInfo failureInfo, @Nullable List<@Nullable GraphMedia> media) {

}
