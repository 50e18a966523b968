package io.callrecords.proxy.callrecords;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.callrecords.proxy.callrecords.api.CallRecordsApi;
import io.callrecords.proxy.graph.GraphCaller;
import io.callrecords.proxy.web.ApiCall;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * The call-records API, implementing the interface generated from {@code api-spec.yaml}.
 * Graph calls are non-blocking: the request thread is released while Graph answers.
 */
@RestController
class CallRecordsController implements CallRecordsApi {

	private final CallRecordReads reads;

	private final CallRecordLists lists;

	private final CallQualityReports qualityReports;

	CallRecordsController(CallRecordReads reads, CallRecordLists lists, CallQualityReports qualityReports) {
		this.reads = reads;
		this.lists = lists;
		this.qualityReports = qualityReports;
	}

	@Override
	public CompletableFuture<ResponseEntity<CallRecordResponse>> getCallRecord(String id,
			@Nullable List<String> include, @Nullable List<String> fields) {
		CallRecordQuery query = CallRecordQuery.parse(id, include, fields);
		ApiCall call = ApiCall.current();
		// Spring MVC answers a matching If-None-Match with 304 itself
		return this.reads.getCallRecord(query, call.id())
			.map((tagged) -> ResponseEntity.ok().eTag(tagged.etag()).body(tagged.record()))
			.contextWrite(GraphCaller.is(call.caller()))
			.contextCapture()
			.toFuture();
	}

	@Override
	public CompletableFuture<ResponseEntity<CallQualityReport>> getCallRecordQuality(String id) {
		// the record with its segments, read (and cached) as include=segments reads it
		CallRecordQuery query = CallRecordQuery.parse(id, List.of("segments"), null);
		return this.reads.getCallRecord(query, ApiCall.current().id())
			.map((tagged) -> ResponseEntity.ok(this.qualityReports.report(tagged.record())))
			.contextCapture()
			.toFuture();
	}

	@Override
	public CompletableFuture<ResponseEntity<CallRecordPage>> listCallRecords(@Nullable OffsetDateTime from,
			@Nullable OffsetDateTime to, @Nullable String participantId, @Nullable Integer pageSize,
			@Nullable String cursor) {
		ApiCall call = ApiCall.current();
		return this.lists.listCallRecords(from, to, participantId, pageSize, cursor, call.id())
			.map(ResponseEntity::ok)
			.contextWrite(GraphCaller.is(call.caller()))
			.contextCapture()
			.toFuture();
	}

	@Override
	public CompletableFuture<ResponseEntity<SessionPage>> listCallRecordSessions(String id, Boolean includeSegments,
			@Nullable Integer pageSize, @Nullable String cursor) {
		ApiCall call = ApiCall.current();
		return this.lists.listSessions(id, Boolean.TRUE.equals(includeSegments), pageSize, cursor, call.id())
			.map(ResponseEntity::ok)
			.contextWrite(GraphCaller.is(call.caller()))
			.contextCapture()
			.toFuture();
	}

	@Override
	public CompletableFuture<ResponseEntity<PartyPage>> listCallRecordParticipants(String id,
			@Nullable Integer pageSize, @Nullable String cursor) {
		ApiCall call = ApiCall.current();
		return this.lists.listParticipants(id, pageSize, cursor, call.id())
			.map(ResponseEntity::ok)
			.contextWrite(GraphCaller.is(call.caller()))
			.contextCapture()
			.toFuture();
	}

}
