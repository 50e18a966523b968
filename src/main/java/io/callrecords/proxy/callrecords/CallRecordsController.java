package io.callrecords.proxy.callrecords;

import java.time.Duration;
import java.util.List;

import io.callrecords.proxy.callrecords.api.CallRecordsApi;
import io.callrecords.proxy.web.ApiCall;
import io.callrecords.proxy.web.InvalidParameter;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * The call-records API, implementing the interface generated from {@code api-spec.yaml}.
 * A request waits for Graph on its own virtual thread ({@link Answers}).
 */
@RestController
class CallRecordsController implements CallRecordsApi {

	private final CallRecordReads reads;

	private final CallRecordLists lists;

	private final CallQualityReports qualityReports;

	private final HttpServletRequest request;

	CallRecordsController(CallRecordReads reads, CallRecordLists lists, CallQualityReports qualityReports,
			HttpServletRequest request) {
		this.reads = reads;
		this.lists = lists;
		this.qualityReports = qualityReports;
		this.request = request;
	}

	@Override
	public ResponseEntity<CallRecordResponse> getCallRecord(String id, @Nullable List<String> include,
			@Nullable List<String> fields) {
		CallRecordQuery query = CallRecordQuery.parse(id, asSent(include, "include"), asSent(fields, "fields"));
		CacheDirectives directives = CacheDirectives.parse(this.request.getHeader(HttpHeaders.CACHE_CONTROL),
				this.request.getHeader(HttpHeaders.PRAGMA));
		ApiCall call = ApiCall.current();
		// Spring MVC answers a matching If-None-Match with 304 itself
		return Answers.await(this.reads.getCallRecord(query, call.id(), directives)
			.map((tagged) -> fresh(ok().eTag(tagged.etag()), tagged, directives).body(tagged.record())), call);
	}

	@Override
	public ResponseEntity<CallQualityReport> getCallRecordQuality(String id) {
		// the record with its segments, read (and cached) as include=segments reads it
		CallRecordQuery query = CallRecordQuery.parse(id, List.of("segments"), null);
		ApiCall call = ApiCall.current();
		return Answers.await(this.reads.getCallRecord(query, call.id())
			.map((tagged) -> ok().body(this.qualityReports.report(tagged.record()))), call);
	}

	@Override
	public ResponseEntity<CallRecordPage> listCallRecords(@Nullable String from, @Nullable String to,
			@Nullable String participantId, @Nullable Integer pageSize, @Nullable String cursor) {
		ApiCall call = ApiCall.current();
		return Answers.await(this.lists.listCallRecords(from, to, participantId, pageSize, cursor, call.id())
			.map((page) -> ok().body(page)), call);
	}

	@Override
	public ResponseEntity<SessionPage> listCallRecordSessions(String id, Boolean includeSegments,
			@Nullable Integer pageSize, @Nullable String cursor) {
		// Spring MVC also reads 1, yes and on as true; the contract's boolean is true or
		// false. The parameter has a default: whether the caller sent it decides whether
		// it must match a cursor's query.
		String sent = this.request.getParameter("includeSegments");
		if (sent != null && !sent.equals("true") && !sent.equals("false")) {
			throw new InvalidRequestException(
					List.of(new InvalidParameter("includeSegments", "includeSegments must be true or false.")));
		}
		ApiCall call = ApiCall.current();
		return Answers
			.await(this.lists.listSessions(id, (sent != null) ? includeSegments : null, pageSize, cursor, call.id())
				.map((page) -> ok().body(page)), call);
	}

	@Override
	public ResponseEntity<PartyPage> listCallRecordParticipants(String id, @Nullable Integer pageSize,
			@Nullable String cursor) {
		ApiCall call = ApiCall.current();
		return Answers
			.await(this.lists.listParticipants(id, pageSize, cursor, call.id()).map((page) -> ok().body(page)), call);
	}

	/**
	 * Says how fresh an answer is (RFC 9111): how long the caller may reuse it
	 * ({@code max-age}, what is left of the cached copy's lifetime) and how old it is
	 * ({@code Age}). Private: it was answered to one caller's credentials. Without the
	 * cache, or with {@code no-store}, nothing is kept and callers revalidate every time.
	 */
	private ResponseEntity.BodyBuilder fresh(ResponseEntity.BodyBuilder response, CallRecordCache.Tagged tagged,
			CacheDirectives directives) {
		if (!this.reads.caching() || directives.noStore()) {
			return response.cacheControl(CacheControl.noCache().cachePrivate());
		}
		Duration age = this.reads.age(tagged);
		Duration left = tagged.lifetime().minus(age);
		return response.cacheControl(CacheControl.maxAge(left.isNegative() ? Duration.ZERO : left).cachePrivate())
			.header(HttpHeaders.AGE, Long.toString(age.toSeconds()));
	}

	/**
	 * A list parameter as the caller sent it: Spring MVC reads {@code include=} as an
	 * empty list, the same as no parameter, where the contract reads one empty value.
	 */
	private @Nullable List<String> asSent(@Nullable List<String> values, String name) {
		return ((values == null || values.isEmpty()) && this.request.getParameter(name) != null) ? List.of("") : values;
	}

	/**
	 * A success, labelled {@code application/json} whatever the request's {@code Accept}
	 * lists first: the interface also produces {@code application/problem+json}, which is
	 * for problems only.
	 */
	private static ResponseEntity.BodyBuilder ok() {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
	}

}
