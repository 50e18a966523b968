package io.callrecords.proxy.graph;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Reads call records from Microsoft Graph with the service's app-only token. Failures are
 * signalled as {@link GraphException}.
 */
public interface GraphClient {

	/**
	 * Gets one call record.
	 * @param request what to get
	 * @return Graph's JSON for the record
	 */
	Mono<JsonNode> getCallRecord(CallRecordRequest request);

	/**
	 * Gets one page of a collection.
	 * @param request the page
	 * @return the page; its next link is safe to follow
	 */
	Mono<GraphPage> getPage(PageRequest request);

	/**
	 * Whether a link points at the configured Graph and at the given collection, so that
	 * the service's token may be sent to it.
	 * @param link the link
	 * @param collection the collection it must page
	 * @param callRecordId the record, for a record's collections
	 * @return {@code true} when the link may be followed
	 */
	boolean isLinkTo(URI link, GraphCollection collection, @Nullable String callRecordId);

}
