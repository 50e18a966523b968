package io.callrecords.proxy.web;

import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

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
		String id = GraphIds.isGuid(callerId) ? callerId.toLowerCase(Locale.ROOT) : freshId();
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
		return (call instanceof ApiCall current) ? current : new ApiCall(freshId());
	}

	/**
	 * A new request id: a random (version 4) UUID from the thread's own generator. A
	 * request id tells requests apart and guards nothing, and {@link UUID#randomUUID()}
	 * draws from the operating system's secure source, mixed through SHA-1 under a lock,
	 * on every request.
	 * @return the id, in the lower-case form Graph's clients send
	 */
	static String freshId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(most, least).toString();
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
