package io.callrecords.proxy.quality;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The verdict on a stream, a participant or a call ({@code Verdict} in
 * {@code api-spec.yaml}).
 */
public enum Verdict {

	/** Classified, and no rule found it poor. */
	GOOD("good"),

	/** At least one rule found it poor. */
	POOR("poor"),

	/** Not enough data to classify: never counted as good. */
	UNCLASSIFIED("unclassified");

	private final String value;

	Verdict(String value) {
		this.value = value;
	}

	/**
	 * The verdict as the API writes it.
	 * @return the lower-case name
	 */
	@JsonValue
	public String value() {
		return this.value;
	}

	/**
	 * The verdict over several: poor when any is poor, else good when any is good, else
	 * unclassified (also for none).
	 * @param verdicts the verdicts
	 * @return the combined verdict
	 */
	public static Verdict over(Iterable<Verdict> verdicts) {
		Verdict result = UNCLASSIFIED;
		for (Verdict verdict : verdicts) {
			if (verdict == POOR) {
				return POOR;
			}
			if (verdict == GOOD) {
				result = GOOD;
			}
		}
		return result;
	}

}
