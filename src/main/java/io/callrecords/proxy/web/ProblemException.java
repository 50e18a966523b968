package io.callrecords.proxy.web;

import java.util.Map;

/**
 * A failure a feature answers with a problem of its own: its code, a detail safe to show
 * to a person, and extension members. {@link ProblemAdvice} writes it with the members
 * every problem has; features extend it for the exceptions they throw.
 */
public abstract class ProblemException extends RuntimeException {

	private final ProblemCode code;

	private final Map<String, Object> properties;

	protected ProblemException(ProblemCode code, String detail, Map<String, Object> properties) {
		super(detail, null, false, false);
		this.code = code;
		this.properties = Map.copyOf(properties);
	}

	/**
	 * The problem's code.
	 * @return the code
	 */
	public ProblemCode code() {
		return this.code;
	}

	/**
	 * The problem's extension members.
	 * @return the members, possibly empty
	 */
	public Map<String, Object> properties() {
		return this.properties;
	}

}
