package io.callrecords.proxy.graph;

/**
 * The kinds of failure a Graph call can end in.
 */
public enum GraphFailure {

	/** Graph has no such resource (404). */
	NOT_FOUND,

	/** Entra ID refused to issue a token, or Graph rejected a fresh token (401). */
	AUTH_FAILED,

	/** Graph denied access: the app lacks the permission (403). */
	FORBIDDEN,

	/** Graph is throttling the app (429). */
	THROTTLED,

	/**
	 * The calling app used more than its fair share of a Graph budget other apps are
	 * waiting for: its own doing, not Graph's.
	 */
	OVER_FAIR_SHARE,

	/** Graph or Entra ID is unavailable (5xx, connection failures). */
	UNAVAILABLE,

	/** Graph or Entra ID did not answer in time. */
	TIMEOUT,

	/** Graph answered with a body that could not be read. */
	BAD_RESPONSE,

	/** Graph's body was larger than the configured maximum. */
	RESPONSE_TOO_LARGE,

	/** Graph rejected a next link it issued earlier (4xx on a followed link). */
	LINK_EXPIRED,

	/** Graph answered with a status the service does not expect (other 4xx). */
	UNEXPECTED_STATUS

}
