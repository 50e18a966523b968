package io.callrecords.proxy.callrecords;

import org.jspecify.annotations.Nullable;

/**
 * Why a session or segment failed.
 *
 * @param reason Microsoft's reason text
 * @param stage {@code callSetup}, {@code midcall}, {@code unknown} or a later value
 */
public record FailureInfo(@Nullable String reason, @Nullable String stage) {

}
