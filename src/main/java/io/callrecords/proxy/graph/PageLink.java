package io.callrecords.proxy.graph;

/**
 * Where a Graph collection continues: an opaque value that the API seals into its cursors
 * and hands back to {@link GraphClient} to read the next page. Only the Graph client
 * reads it; it checks every link before following one, wherever it came from.
 *
 * @param value the link as text
 */
public record PageLink(String value) {

	@Override
	public String toString() {
		return "PageLink";
	}

}
