package io.callrecords.proxy.graph;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The two filters Graph supports on the call record list, built only from typed,
 * validated values so that no input can change the filter's meaning. The rules are
 * written here once: {@link #violations} tells a caller what is wrong, and the
 * constructor refuses the same values.
 *
 * @param from records that started at or after this instant
 * @param to records that started before this instant
 * @param participantId records with this participant: a GUID or an E.164 number
 */
public record CallRecordFilter(@Nullable Instant from, @Nullable Instant to, @Nullable String participantId) {

	public CallRecordFilter {
		List<Violation> violations = violations(from, to, participantId);
		if (!violations.isEmpty()) {
			throw new IllegalArgumentException(violations.get(0).message());
		}
	}

	/**
	 * What is wrong with a filter's values.
	 * @param from the start of the range
	 * @param to the end of the range
	 * @param participantId the participant
	 * @return the violations, empty when the values make a filter
	 */
	public static List<Violation> violations(@Nullable Instant from, @Nullable Instant to,
			@Nullable String participantId) {
		List<Violation> violations = new ArrayList<>();
		if (participantId != null && !GraphIds.isParticipantId(participantId)) {
			violations.add(new Violation("participantId",
					"participantId must be a participant's object id (a GUID) or an E.164 phone number such as "
							+ "+14255550100."));
		}
		if (from != null && to != null && !from.isBefore(to)) {
			violations.add(new Violation("to", "to must be after from."));
		}
		return violations;
	}

	/**
	 * Whether the filter narrows the list at all.
	 * @return {@code true} when any value is set
	 */
	public boolean isFiltered() {
		return this.from != null || this.to != null || this.participantId != null;
	}

	/**
	 * A value the filter cannot take.
	 *
	 * @param parameter the API parameter it came from
	 * @param message why, safe to show to a person
	 */
	public record Violation(String parameter, String message) {
	}

}
