package io.callrecords.proxy.callrecords;

import java.util.List;
import java.util.Map;

import io.callrecords.proxy.web.InvalidParameter;
import io.callrecords.proxy.web.ProblemCode;
import io.callrecords.proxy.web.ProblemException;

/**
 * The caller's request is invalid; answered with a 400 {@code INVALID_REQUEST} problem
 * that names each rejected parameter. Thrown before anything is sent to Graph.
 */
class InvalidRequestException extends ProblemException {

	InvalidRequestException(List<InvalidParameter> errors) {
		super(ProblemCode.INVALID_REQUEST,
				(errors.size() == 1) ? errors.get(0).message()
						: "The request has " + errors.size() + " invalid parameters; see errors.",
				Map.of("errors", List.copyOf(errors)));
	}

}
