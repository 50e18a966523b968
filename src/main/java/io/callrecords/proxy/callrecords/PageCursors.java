package io.callrecords.proxy.callrecords;

import java.util.Locale;

import io.callrecords.proxy.graph.GraphClient;
import io.callrecords.proxy.graph.GraphCollection;
import io.callrecords.proxy.graph.PageLink;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The cursors of the paged endpoints: each seals where Graph's collection continues
 * together with the query that produced it (its filters and shape), bound to its scope
 * (the endpoint and the record). A cursor opens only in its scope, and only to a link the
 * Graph client accepts for the same collection; sent alone, it continues its own query.
 */
@Component
class PageCursors {

	private static final String MISPLACED = "The cursor does not lead to this service's Microsoft Graph.";

	private final Cursors cursors;

	private final GraphClient graph;

	PageCursors(Cursors cursors, GraphClient graph) {
		this.cursors = cursors;
		this.graph = graph;
	}

	/**
	 * The cursor of the next page.
	 * @param scope the scope of the page
	 * @param query the query that produced it
	 * @param next where the collection continues
	 * @return the cursor, or {@code null} on the last page
	 */
	@Nullable String seal(Scope scope, String query, @Nullable PageLink next) {
		return (next != null) ? this.cursors.seal(scope.value(), query + "\n" + next.value()) : null;
	}

	/**
	 * Opens a cursor issued for a scope.
	 * @param scope the scope the cursor must belong to
	 * @param cursor the cursor
	 * @return the query and link it holds
	 * @throws InvalidCursorException when it was not issued for the scope
	 */
	Opened open(Scope scope, String cursor) {
		String payload = this.cursors.open(scope.value(), cursor);
		int newline = payload.indexOf('\n');
		String query = (newline >= 0) ? payload.substring(0, newline) : "";
		String link = payload.substring(newline + 1);
		PageLink next = this.graph.pageLink(link, scope.collection(), scope.callRecordId());
		if (next == null) {
			throw new InvalidCursorException(MISPLACED);
		}
		return new Opened(query, next);
	}

	/**
	 * Where a cursor belongs: the endpoint it pages.
	 *
	 * @param collection the collection paged
	 * @param callRecordId the record, for a record's collections
	 */
	record Scope(GraphCollection collection, @Nullable String callRecordId) {

		String value() {
			String record = (this.callRecordId != null) ? "/" + this.callRecordId.toLowerCase(Locale.ROOT) : "";
			return this.collection.name().toLowerCase(Locale.ROOT) + record;
		}

	}

	/**
	 * What an opened cursor holds.
	 *
	 * @param query the query that produced the cursor
	 * @param next where the collection continues
	 */
	record Opened(String query, PageLink next) {
	}

}
