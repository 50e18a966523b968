package io.callrecords.proxy.graph;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a Graph collection, its items read into typed records.
 *
 * @param <T> the type of the items
 * @param items the items; items Graph sent that are not objects are left out
 * @param next where the collection continues, already checked to lead to the same
 * collection on the configured Graph; {@code null} on the last page
 */
public record GraphPage<T>(List<T> items, @Nullable PageLink next) {

	public GraphPage(List<@Nullable T> items, @Nullable PageLink next) {
		List<T> present = new ArrayList<>(items.size());
		for (T item : items) {
			if (item != null) {
				present.add(item);
			}
		}
		this.items = List.copyOf(present);
		this.next = next;
	}

}
