package io.callrecords.proxy.callrecords;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of call record summaries ({@code CallRecordPage} in {@code api-spec.yaml}).
 *
 * @param items the items
 * @param nextCursor the cursor of the next page; absent on the last page
 */
public record CallRecordPage(List<CallRecordSummary> items, @Nullable String nextCursor) {

}
