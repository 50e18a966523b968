package io.callrecords.proxy.graph;

import org.jspecify.annotations.Nullable;

/**
 * A Graph {@code failureInfo}.
 *
 * @param reason the classified reason
 * @param stage where the failure happened
 */
public record GraphFailureInfo(@Nullable String reason, @Nullable String stage) {

}
