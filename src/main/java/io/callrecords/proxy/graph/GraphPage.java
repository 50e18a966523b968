package io.callrecords.proxy.graph;

import java.net.URI;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One page of a Graph collection.
 *
 * @param items the items, as Graph's JSON
 * @param nextLink the link to the next page, already checked to point at Graph's
 * configured base URL and at the same collection; {@code null} on the last page
 */
public record GraphPage(List<JsonNode> items, @Nullable URI nextLink) {

	public GraphPage {
		items = List.copyOf(items);
	}

}
