package io.callrecords.proxy.callrecords;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.callrecords.proxy.callrecords.api.CallRecordsApi;
import io.callrecords.proxy.web.RequestIds;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * The call-records API, implementing the interface generated from {@code api-spec.yaml}.
 * Graph calls are non-blocking: the request thread is released while Graph answers.
 */
@RestController
class CallRecordsController implements CallRecordsApi {

	private final CallRecordService service;

	CallRecordsController(CallRecordService service) {
		this.service = service;
	}

	@Override
	public CompletableFuture<ResponseEntity<CallRecordResponse>> getCallRecord(String id,
			@Nullable List<String> include, @Nullable List<String> fields) {
		CallRecordQuery query = CallRecordQuery.parse(id, include, fields);
		String ifNoneMatch = RequestIds.header(HttpHeaders.IF_NONE_MATCH);
		return this.service.getCallRecord(query, RequestIds.current())
			.map((tagged) -> tagged.matches(ifNoneMatch)
					? ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(tagged.etag()).<CallRecordResponse>build()
					: ResponseEntity.ok().eTag(tagged.etag()).body(tagged.record()))
			.contextCapture()
			.toFuture();
	}

	@Override
	public CompletableFuture<ResponseEntity<CallRecordPage>> listCallRecords(@Nullable OffsetDateTime from,
			@Nullable OffsetDateTime to, @Nullable String participantId, @Nullable Integer pageSize,
			@Nullable String cursor) {
		return this.service.listCallRecords(from, to, participantId, pageSize, cursor, RequestIds.current())
			.map(ResponseEntity::ok)
			.contextCapture()
			.toFuture();
	}

	@Override
	public CompletableFuture<ResponseEntity<SessionPage>> listCallRecordSessions(String id, Boolean includeSegments,
			@Nullable Integer pageSize, @Nullable String cursor) {
		return this.service
			.listSessions(id, Boolean.TRUE.equals(includeSegments), pageSize, cursor, RequestIds.current())
			.map(ResponseEntity::ok)
			.contextCapture()
			.toFuture();
	}

	@Override
	public CompletableFuture<ResponseEntity<PartyPage>> listCallRecordParticipants(String id,
			@Nullable Integer pageSize, @Nullable String cursor) {
		return this.service.listParticipants(id, pageSize, cursor, RequestIds.current())
			.map(ResponseEntity::ok)
			.contextCapture()
			.toFuture();
	}

}
