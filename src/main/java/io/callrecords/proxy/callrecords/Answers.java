package io.callrecords.proxy.callrecords;

import io.callrecords.proxy.graph.GraphCaller;
import io.callrecords.proxy.web.ApiCall;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;

/**
 * How the controllers wait for an answer: on the request's own thread, a virtual thread
 * that parks while Graph answers and holds no platform thread meanwhile. Waiting there,
 * rather than handing Spring MVC a future, spares every request the servlet's async
 * handling: an async context started and completed, and a second dispatch through Tomcat,
 * the filters and the handler lookup to write the result. The wait is bounded by the
 * request's Graph deadline ({@code GRAPH_REQUEST_TIMEOUT}), which every Graph call, retry
 * and wait for a shared fetch of the request runs under.
 */
final class Answers {

	private Answers() {
	}

	/**
	 * Waits for an answer made on behalf of the request's caller, with the request's
	 * trace carried into the Graph calls.
	 * @param <T> the body's type
	 * @param answer the answer, not yet subscribed
	 * @param call the request
	 * @return the answer; its failures are thrown as they are, for the problem handling
	 */
	static <T> @Nullable ResponseEntity<T> await(Mono<ResponseEntity<T>> answer, ApiCall call) {
		return answer.contextWrite(GraphCaller.is(call.caller())).contextCapture().block();
	}

}
