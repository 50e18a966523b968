package io.callrecords.proxy.callrecords;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of the PSTN call log.
 *
 * @param items the rows
 * @param nextCursor the cursor of the next page, {@code null} on the last
 */
public record PstnCallPage(List<PstnCall> items, @Nullable String nextCursor) {

}
