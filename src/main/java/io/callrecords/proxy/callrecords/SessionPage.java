package io.callrecords.proxy.callrecords;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of sessions ({@code SessionPage} in {@code api-spec.yaml}).
 *
 * @param items the items
 * @param nextCursor the cursor of the next page; absent on the last page
 */
public record SessionPage(List<Session> items, @Nullable String nextCursor) {

}
