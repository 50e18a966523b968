package io.callrecords.proxy.graph;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The two filters Graph supports on the call record list, built only from typed,
 * validated values so that no input can change the filter's meaning.
 *
 * @param from records that started at or after this instant
 * @param to records that started before this instant
 * @param participantId records with this participant: a GUID or an E.164 number
 */
public record CallRecordFilter(@Nullable Instant from, @Nullable Instant to, @Nullable String participantId) {

	/** A participant id: an Entra object id or an E.164 phone number. */
	public static final Pattern PARTICIPANT_ID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\\+[1-9][0-9]{1,14}");

	private static final DateTimeFormatter ODATA_INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	public CallRecordFilter {
		if (participantId != null && !PARTICIPANT_ID.matcher(participantId).matches()) {
			throw new IllegalArgumentException("participantId must be a GUID or an E.164 number");
		}
		if (from != null && to != null && !from.isBefore(to)) {
			throw new IllegalArgumentException("from must be before to");
		}
	}

	/**
	 * The filter as Graph's {@code $filter}.
	 * @return the OData expression, or {@code null} when nothing is filtered
	 */
	public @Nullable String toOData() {
		List<String> clauses = new ArrayList<>();
		if (this.from != null) {
			clauses.add("startDateTime ge " + ODATA_INSTANT.format(this.from));
		}
		if (this.to != null) {
			clauses.add("startDateTime lt " + ODATA_INSTANT.format(this.to));
		}
		if (this.participantId != null) {
			clauses.add("participants_v2/any(p:p/id eq '" + this.participantId + "')");
		}
		return clauses.isEmpty() ? null : String.join(" and ", clauses);
	}

}
