package io.callrecords.proxy.graph;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A call to Microsoft Graph (or to Entra ID for its token) that did not produce a usable
 * answer. The message is for logs only; it never carries Graph's body.
 */
public class GraphException extends RuntimeException {

	private final GraphFailure failure;

	private final int upstreamStatus;

	private final @Nullable String upstreamRequestId;

	private final @Nullable Duration retryAfter;

	public GraphException(GraphFailure failure, String message, int upstreamStatus, @Nullable String upstreamRequestId,
			@Nullable Duration retryAfter, @Nullable Throwable cause) {
		super(message, cause);
		this.failure = failure;
		this.upstreamStatus = upstreamStatus;
		this.upstreamRequestId = upstreamRequestId;
		this.retryAfter = retryAfter;
	}

	public GraphException(GraphFailure failure, String message, @Nullable Throwable cause) {
		this(failure, message, 0, null, null, cause);
	}

	/**
	 * What kind of failure this is.
	 * @return the failure
	 */
	public GraphFailure failure() {
		return this.failure;
	}

	/**
	 * The HTTP status Graph or Entra ID answered with.
	 * @return the status, or 0 when no answer was received
	 */
	public int upstreamStatus() {
		return this.upstreamStatus;
	}

	/**
	 * Graph's {@code request-id} for the failed call.
	 * @return the id, or {@code null} when Graph did not answer or sent none
	 */
	public @Nullable String upstreamRequestId() {
		return this.upstreamRequestId;
	}

	/**
	 * How long Graph asked to wait before trying again.
	 * @return the wait, or {@code null} when Graph did not say
	 */
	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

}
