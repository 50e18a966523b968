package io.callrecords.proxy.web;

import java.time.Duration;

import org.springframework.http.ProblemDetail;

/**
 * The members every problem of the API has, in one place: its type, title and
 * {@code code} from the {@link ProblemCode}, and the request's {@code clientRequestId}.
 * Remembers the code as the request's outcome for the audit log.
 */
final class Problems {

	private Problems() {
	}

	static ProblemDetail problem(ProblemCode code, String detail) {
		return decorate(ProblemDetail.forStatusAndDetail(code.status(), detail), code);
	}

	static ProblemDetail decorate(ProblemDetail problem, ProblemCode code) {
		ApiCall call = ApiCall.current();
		problem.setType(code.type());
		problem.setTitle(code.title());
		problem.setProperty("code", code.name());
		problem.setProperty("clientRequestId", call.id());
		call.problem(code);
		return problem;
	}

	/**
	 * A wait as the value of a {@code Retry-After} header: whole seconds, rounded up so
	 * that no caller comes back early, at least one.
	 * @param wait the wait
	 * @return the header's value
	 */
	static String retryAfter(Duration wait) {
		long seconds = wait.toSeconds();
		return Long.toString((wait.toNanosPart() > 0 || seconds <= 0) ? Math.max(seconds, 0) + 1 : seconds);
	}

}
