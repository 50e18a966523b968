package io.callrecords.proxy.web;

import java.net.URI;
import java.util.Locale;

import org.springframework.http.HttpStatus;

/**
 * The stable problem codes of the API, each with its HTTP status, its problem type URI
 * and its title. Listed in {@code api-spec.yaml} and in README.
 */
public enum ProblemCode {

	/** A parameter is malformed or not allowed. */
	INVALID_REQUEST(HttpStatus.BAD_REQUEST, "Invalid request"),

	/** The cursor was not issued by this service for this endpoint, record and query. */
	INVALID_CURSOR(HttpStatus.BAD_REQUEST, "Invalid cursor"),

	/** Graph no longer accepts the page link behind a cursor. */
	CURSOR_EXPIRED(HttpStatus.GONE, "Cursor expired"),

	/** The caller sent no bearer token, or one that is not valid for this service. */
	UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Authentication required"),

	/** The caller's token lacks the role or scope the API requires. */
	FORBIDDEN(HttpStatus.FORBIDDEN, "Forbidden"),

	/** The caller used up its request quota. */
	QUOTA_EXCEEDED(HttpStatus.TOO_MANY_REQUESTS, "Request quota exceeded"),

	/** No such path. */
	NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),

	/** The path exists, the method does not. */
	METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),

	/** The caller accepts no representation the API offers. */
	NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),

	/** Graph has no such call record (yet, or any more). */
	CALL_RECORD_NOT_FOUND(HttpStatus.NOT_FOUND, "Call record not found"),

	/** Entra ID or Graph refused the service's credentials. */
	UPSTREAM_AUTH_FAILED(HttpStatus.BAD_GATEWAY, "The service could not authenticate to Microsoft Graph"),

	/** Graph denied the service access to call records. */
	UPSTREAM_FORBIDDEN(HttpStatus.BAD_GATEWAY, "Microsoft Graph denied access to call records"),

	/** Graph is throttling the service. */
	UPSTREAM_THROTTLED(HttpStatus.SERVICE_UNAVAILABLE, "Microsoft Graph is throttling requests"),

	/** Graph or Entra ID is unavailable. */
	UPSTREAM_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Microsoft Graph is unavailable"),

	/** Graph or Entra ID did not answer in time. */
	UPSTREAM_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "Microsoft Graph did not answer in time"),

	/** Graph's answer could not be read. */
	UPSTREAM_BAD_RESPONSE(HttpStatus.BAD_GATEWAY, "Microsoft Graph sent an unreadable response"),

	/** Graph's answer was larger than the service accepts. */
	UPSTREAM_RESPONSE_TOO_LARGE(HttpStatus.BAD_GATEWAY, "Microsoft Graph's response is too large"),

	/** Graph answered with a status the service does not expect. */
	UPSTREAM_ERROR(HttpStatus.BAD_GATEWAY, "Microsoft Graph rejected the request"),

	/** A fault in the service itself. */
	INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

	private final HttpStatus status;

	private final String title;

	ProblemCode(HttpStatus status, String title) {
		this.status = status;
		this.title = title;
	}

	/**
	 * The HTTP status of problems with this code.
	 * @return the status
	 */
	public HttpStatus status() {
		return this.status;
	}

	/**
	 * A short, human title.
	 * @return the title
	 */
	public String title() {
		return this.title;
	}

	/**
	 * The problem type URI, stable for the code.
	 * @return the URI, for example {@code urn:callrecords-proxy:problem:invalid-request}
	 */
	public URI type() {
		return URI.create("urn:callrecords-proxy:problem:" + name().toLowerCase(Locale.ROOT).replace('_', '-'));
	}

}
