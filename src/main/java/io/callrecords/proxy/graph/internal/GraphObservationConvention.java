package io.callrecords.proxy.graph.internal;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.DefaultClientRequestObservationConvention;

/**
 * Puts Graph's correlation ids on the client span of each Graph call: the
 * {@code client-request-id} the service sent and the {@code request-id} Graph answered
 * with. They are high-cardinality values: spans only, never metric tags.
 */
class GraphObservationConvention extends DefaultClientRequestObservationConvention {

	@Override
	public KeyValues getHighCardinalityKeyValues(ClientRequestObservationContext context) {
		KeyValues values = super.getHighCardinalityKeyValues(context);
		ClientRequest request = context.getRequest();
		if (request != null) {
			String clientRequestId = request.headers().getFirst("client-request-id");
			if (clientRequestId != null) {
				values = values.and(KeyValue.of("graph.client_request_id", clientRequestId));
			}
		}
		ClientResponse response = context.getResponse();
		if (response != null) {
			String requestId = response.headers().asHttpHeaders().getFirst("request-id");
			if (requestId != null) {
				values = values.and(KeyValue.of("graph.request_id", requestId));
			}
		}
		return values;
	}

}
