package io.callrecords.proxy.callrecords;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.callrecords.proxy.callrecords.api.CallRecordsApi;
import io.callrecords.proxy.graph.GraphClient;
import io.callrecords.proxy.graph.GraphProperties;
import io.callrecords.proxy.web.RequestIds;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * The call-records API, implementing the interface generated from {@code api-spec.yaml}.
 * Graph calls are non-blocking: the request thread is released while Graph answers.
 */
@RestController
class CallRecordsController implements CallRecordsApi {

	private final GraphClient graph;

	private final CallRecordMapper mapper;

	CallRecordsController(GraphClient graph, GraphProperties properties) {
		this.graph = graph;
		this.mapper = new CallRecordMapper(properties.tenantId());
	}

	@Override
	public CompletableFuture<ResponseEntity<CallRecordResponse>> getCallRecord(String id,
			@Nullable List<String> include, @Nullable List<String> fields) {
		CallRecordQuery query = CallRecordQuery.parse(id, include, fields);
		return this.graph.getCallRecord(query.toGraphRequest(RequestIds.current()))
			.map((json) -> ResponseEntity.ok(query.shape(this.mapper.callRecord(json))))
			.toFuture();
	}

}
