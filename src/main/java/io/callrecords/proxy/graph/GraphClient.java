package io.callrecords.proxy.graph;

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

}
