package io.callrecords.proxy.callrecords;

import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One session of a call record ({@code Session} in {@code api-spec.yaml}).
 *
 * @param id the session id (not unique within a record)
 * @param modalities the media used
 * @param startDateTime the start
 * @param endDateTime the end
 * @param isTest whether it was a test call
 * @param caller the calling endpoint
 * @param callee the called endpoint
 * @param failureInfo why the session failed, if it did
 * @param segments the segments, with {@code include=segments}
 */
public record Session(@Nullable String id, @Nullable List<String> modalities, @Nullable OffsetDateTime startDateTime,
		@Nullable OffsetDateTime endDateTime, @Nullable Boolean isTest, @Nullable SessionEndpoint caller,
		@Nullable SessionEndpoint callee, @Nullable FailureInfo failureInfo, @Nullable List<Segment> segments) {

	Session withoutSegments() {
		return new Session(this.id, this.modalities, this.startDateTime, this.endDateTime, this.isTest, this.caller,
				this.callee, this.failureInfo, null);
	}

}
