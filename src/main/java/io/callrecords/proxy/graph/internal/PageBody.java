package io.callrecords.proxy.graph.internal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One page of a Graph collection as Graph writes it.
 *
 * @param <T> the type of the items
 * @param value the items
 * @param nextLink where the collection continues
 */
record PageBody<T>(@Nullable List<@Nullable T> value, @JsonProperty("@odata.nextLink") @Nullable String nextLink) {

}
