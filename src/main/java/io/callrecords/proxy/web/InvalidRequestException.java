package io.callrecords.proxy.web;

import java.util.List;

/**
 * The caller's request is invalid; answered with a 400 {@code INVALID_REQUEST} problem
 * that names each rejected parameter. Thrown before anything is sent to Graph.
 */
public class InvalidRequestException extends RuntimeException {

	private final List<InvalidParameter> errors;

	public InvalidRequestException(List<InvalidParameter> errors) {
		super("Invalid request: " + errors);
		this.errors = List.copyOf(errors);
	}

	/**
	 * The rejected parameters.
	 * @return the errors, never empty
	 */
	public List<InvalidParameter> errors() {
		return this.errors;
	}

	/**
	 * One rejected parameter.
	 *
	 * @param parameter the parameter's name
	 * @param message why it was rejected, safe to show to a person
	 */
	public record InvalidParameter(String parameter, String message) {
	}

}
