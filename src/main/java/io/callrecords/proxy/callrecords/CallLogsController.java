package io.callrecords.proxy.callrecords;

import io.callrecords.proxy.callrecords.api.CallLogsApi;
import io.callrecords.proxy.web.ApiCall;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * The PSTN and Direct Routing call logs, implementing the interface generated from
 * {@code api-spec.yaml}.
 */
@RestController
class CallLogsController implements CallLogsApi {

	private final CallLogs logs;

	CallLogsController(CallLogs logs) {
		this.logs = logs;
	}

	@Override
	public ResponseEntity<PstnCallPage> listPstnCalls(@Nullable String from, @Nullable String to,
			@Nullable Integer pageSize, @Nullable String cursor) {
		ApiCall call = ApiCall.current();
		return answer(this.logs.pstnCalls(from, to, pageSize, cursor, call.id()), call);
	}

	@Override
	public ResponseEntity<DirectRoutingCallPage> listDirectRoutingCalls(@Nullable String from, @Nullable String to,
			@Nullable Integer pageSize, @Nullable String cursor) {
		ApiCall call = ApiCall.current();
		return answer(this.logs.directRoutingCalls(from, to, pageSize, cursor, call.id()), call);
	}

	private static <T> ResponseEntity<T> answer(Mono<T> page, ApiCall call) {
		return Answers.await(page.map(ResponseEntity::ok), call);
	}

}
