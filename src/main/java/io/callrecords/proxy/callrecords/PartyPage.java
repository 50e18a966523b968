package io.callrecords.proxy.callrecords;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of participants ({@code PartyPage} in {@code api-spec.yaml}).
 *
 * @param items the items
 * @param nextCursor the cursor of the next page; absent on the last page
 */
public record PartyPage(List<Party> items, @Nullable String nextCursor) {

}
