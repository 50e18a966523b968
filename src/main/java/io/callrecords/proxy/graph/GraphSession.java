package io.callrecords.proxy.graph;

import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A Graph {@code session}: a peer-to-peer communication within a call record.
 *
 * @param id the session's id
 * @param modalities the media used
 * @param startDateTime when it started
 * @param endDateTime when it ended
 * @param isTest whether it was a test call
 * @param caller the endpoint that started it
 * @param callee the endpoint that received it
 * @param failureInfo why it failed, when it did
 * @param segments its segments, when expanded
 */
public record GraphSession(@Nullable String id, @Nullable List<@Nullable String> modalities,
		@Nullable OffsetDateTime startDateTime, @Nullable OffsetDateTime endDateTime, @Nullable Boolean isTest,
		@Nullable GraphEndpoint caller, @Nullable GraphEndpoint callee, @Nullable GraphFailureInfo failureInfo,
		@Nullable List<@Nullable GraphSegment> segments) {

}
