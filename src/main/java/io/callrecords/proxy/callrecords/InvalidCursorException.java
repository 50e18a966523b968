package io.callrecords.proxy.callrecords;

import java.util.Map;

import io.callrecords.proxy.web.ProblemCode;
import io.callrecords.proxy.web.ProblemException;

/**
 * A cursor that this service did not issue for this endpoint, record and query: answered
 * with a 400 {@code INVALID_CURSOR} problem whose detail is the message. Thrown before
 * anything is sent to Graph.
 */
class InvalidCursorException extends ProblemException {

	InvalidCursorException(String message) {
		super(ProblemCode.INVALID_CURSOR, message, Map.of());
	}

}
