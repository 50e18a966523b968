package io.callrecords.proxy.web;

import java.util.Locale;
import java.util.UUID;

import io.callrecords.proxy.graph.GraphIds;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What the service learns about one inbound request while handling it, in one typed
 * place: its id, the calling app, the problem it ended in and Graph's request id. Filled
 * by the filters and the problem handling, read by problems and the audit log. The
 * request may end on another thread than it started, so the mutable facts are volatile.
 */
public final class ApiCall {

	private static final String ATTRIBUTE = ApiCall.class.getName();

	private final String id;

	private volatile @Nullable String caller;

	private volatile @Nullable ProblemCode problem;

	private volatile @Nullable String upstreamRequestId;

	private ApiCall(String id) {
		this.id = id;
	}

	/**
	 * Starts the facts of a request, with the caller's id when it is a GUID (as Graph's
	 * own clients send in {@code client-request-id}), else a fresh one: nothing else a
	 * caller sends is reflected.
	 * @param request the request
	 * @param callerId the caller's {@code client-request-id}, if any
	 * @return the facts, kept with the request
	 */
	static ApiCall start(HttpServletRequest request, @Nullable String callerId) {
		String id = GraphIds.isGuid(callerId) ? callerId.toLowerCase(Locale.ROOT) : UUID.randomUUID().toString();
		ApiCall call = new ApiCall(id);
		request.setAttribute(ATTRIBUTE, call);
		return call;
	}

	/**
	 * The facts of a request.
	 * @param request the request
	 * @return the facts, or {@code null} when the request was not started as an API call
	 */
	static @Nullable ApiCall of(HttpServletRequest request) {
		return (request.getAttribute(ATTRIBUTE) instanceof ApiCall call) ? call : null;
	}

	/**
	 * The facts of the request being handled on this thread.
	 * @return the facts, or facts with a fresh id outside of a request
	 */
	public static ApiCall current() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		Object call = (attributes != null) ? attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) : null;
		return (call instanceof ApiCall current) ? current : new ApiCall(UUID.randomUUID().toString());
	}

	/**
	 * The request's id, sent to Graph as {@code client-request-id} and returned to the
	 * caller.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The calling app: the {@code azp}/{@code appid} of its token.
	 * @return the caller, or {@code null} before authentication or without it
	 */
	public @Nullable String caller() {
		return this.caller;
	}

	void caller(String caller) {
		this.caller = caller;
	}

	@Nullable ProblemCode problem() {
		return this.problem;
	}

	void problem(ProblemCode problem) {
		this.problem = problem;
	}

	@Nullable String upstreamRequestId() {
		return this.upstreamRequestId;
	}

	void upstreamRequestId(String upstreamRequestId) {
		this.upstreamRequestId = upstreamRequestId;
	}

}
