package io.callrecords.proxy.graph.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.callrecords.proxy.graph.GraphCallRecord;
import io.callrecords.proxy.graph.GraphPage;
import io.callrecords.proxy.graph.PageLink;

/**
 * Graph's JSON read as the Graph client reads it, for tests of the code that uses the
 * typed records: the official fixtures under {@code graph/} or any JSON text.
 */
public final class GraphFixtures {

	private static final GraphJson json = new GraphJson();

	private GraphFixtures() {
	}

	/**
	 * A fixture's text.
	 * @param name the file under {@code graph/}
	 * @return the JSON
	 */
	public static String fixture(String name) {
		try (InputStream in = GraphFixtures.class.getResourceAsStream("/graph/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No fixture " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A call record as Graph sends it, with its expanded collections as they are.
	 * @param body the JSON
	 * @return the record
	 */
	public static GraphCallRecord record(String body) {
		CallRecordBody record = json.read(body, CallRecordBody.class);
		if (record == null) {
			throw new IllegalArgumentException("Not a call record: " + body);
		}
		return record.toRecord(record.participants(), false, record.sessions(), false);
	}

	/**
	 * A page of a collection, its next link unchecked.
	 * @param <T> the items' type
	 * @param body the JSON
	 * @param itemType the items' type
	 * @return the page
	 */
	public static <T> GraphPage<T> page(String body, Class<T> itemType) {
		PageBody<T> page = json.read(new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
				json.pageOf(itemType));
		if (page == null || page.value() == null) {
			throw new IllegalArgumentException("Not a page: " + body);
		}
		if (itemType == GraphCallRecord.class) {
			throw new IllegalArgumentException("Use records(...) for pages of call records");
		}
		return new GraphPage<>(page.value(), (page.nextLink() != null) ? new PageLink(page.nextLink()) : null);
	}

	/**
	 * A page of call records.
	 * @param body the JSON
	 * @return the page
	 */
	public static GraphPage<GraphCallRecord> records(String body) {
		GraphPage<CallRecordBody> page = rawPage(body);
		return new GraphPage<>(page.items().stream().map((item) -> item.toRecord(null, false, null, false)).toList(),
				page.next());
	}

	/**
	 * Any Graph type read from JSON.
	 * @param <T> the type
	 * @param body the JSON
	 * @param type the type
	 * @return the value, or {@code null} when the JSON is of another shape
	 */
	public static <T> T read(String body, Class<T> type) {
		return json.read(body, type);
	}

	private static GraphPage<CallRecordBody> rawPage(String body) {
		PageBody<CallRecordBody> page = json.read(
				new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
				json.pageOf(CallRecordBody.class));
		if (page == null || page.value() == null) {
			throw new IllegalArgumentException("Not a page: " + body);
		}
		return new GraphPage<>(page.value(), (page.nextLink() != null) ? new PageLink(page.nextLink()) : null);
	}

}
