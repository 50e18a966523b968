package io.callrecords.proxy.web;

/**
 * A cursor that this service did not issue for this endpoint, record and query: answered
 * with a 400 {@code INVALID_CURSOR} problem whose detail is the message. Thrown before
 * anything is sent to Graph.
 */
public class InvalidCursorException extends RuntimeException {

	public InvalidCursorException(String message) {
		super(message, null, false, false);
	}

}
