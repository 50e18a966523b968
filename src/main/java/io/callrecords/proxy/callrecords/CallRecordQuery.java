package io.callrecords.proxy.callrecords;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.callrecords.proxy.graph.CallRecordRequest;
import io.callrecords.proxy.graph.CallRecordRequest.Expansion;
import io.callrecords.proxy.graph.CallRecordRequest.Property;
import io.callrecords.proxy.web.InvalidParameter;
import org.jspecify.annotations.Nullable;

/**
 * A validated request for one call record: what to expand and which fields to return.
 * Parsing rejects anything that is not allowed, so that nothing the caller wrote reaches
 * Graph as is.
 *
 * @param id the call record id, a GUID
 * @param includes the related data to include
 * @param fields the fields to return; empty returns all
 */
record CallRecordQuery(String id, Set<Include> includes, Set<String> fields) {

	/** The call record properties a caller may name in {@code fields}. */
	static final List<String> FIELDS = List.of("id", "version", "type", "modalities", "startDateTime", "endDateTime",
			"lastModifiedDateTime", "joinWebUrl", "organizer");

	/** The fields Graph selects by name; the organizer is expanded instead. */
	private static final Map<String, Property> PROPERTIES = Map.of("id", Property.ID, "version", Property.VERSION,
			"type", Property.TYPE, "modalities", Property.MODALITIES, "startDateTime", Property.START_DATE_TIME,
			"endDateTime", Property.END_DATE_TIME, "lastModifiedDateTime", Property.LAST_MODIFIED_DATE_TIME,
			"joinWebUrl", Property.JOIN_WEB_URL);

	static CallRecordQuery parse(String id, @Nullable List<String> include, @Nullable List<String> fields) {
		List<InvalidParameter> errors = new ArrayList<>();
		ApiParameters.recordId(id, errors);
		Set<Include> includes = EnumSet.noneOf(Include.class);
		for (String value : values(include)) {
			Include parsed = Include.of(value);
			if (parsed == null) {
				errors.add(new InvalidParameter("include",
						"include accepts participants, sessions and segments; " + unknown(value, "include")));
			}
			else {
				includes.add(parsed);
			}
		}
		Set<String> selected = new LinkedHashSet<>();
		for (String value : values(fields)) {
			if (FIELDS.contains(value)) {
				selected.add(value);
			}
			else {
				errors.add(new InvalidParameter("fields",
						"fields accepts " + String.join(", ", FIELDS) + "; " + unknown(value, "fields")));
			}
		}
		ApiParameters.check(errors);
		return new CallRecordQuery(id, includes, selected);
	}

	CallRecordRequest toGraphRequest(int maxExpandedItems, String clientRequestId) {
		Set<Expansion> expand = EnumSet.noneOf(Expansion.class);
		if (this.includes.contains(Include.PARTICIPANTS)) {
			expand.add(Expansion.PARTICIPANTS);
		}
		if (this.includes.contains(Include.SEGMENTS)) {
			expand.add(Expansion.SESSIONS_WITH_SEGMENTS);
		}
		else if (this.includes.contains(Include.SESSIONS)) {
			expand.add(Expansion.SESSIONS);
		}
		List<Property> select = new ArrayList<>();
		if (!this.fields.isEmpty()) {
			// the version is always read: it makes the ETag, even when the caller does
			// not ask for it
			select.add(Property.ID);
			select.add(Property.VERSION);
			for (String field : this.fields) {
				Property property = PROPERTIES.get(field);
				if (property != null && !select.contains(property)) {
					select.add(property);
				}
			}
			if (this.fields.contains("organizer")) {
				// organizer_v2 is auto-expanded only when nothing is selected
				expand.add(Expansion.ORGANIZER);
			}
		}
		return new CallRecordRequest(this.id, expand, select, maxExpandedItems, clientRequestId);
	}

	/**
	 * Narrows a mapped record to what was asked for, whatever Graph sent.
	 */
	CallRecordResponse shape(CallRecordResponse record) {
		boolean all = this.fields.isEmpty();
		boolean withDuration = all || (this.fields.contains("startDateTime") && this.fields.contains("endDateTime"));
		List<Session> sessions = null;
		if (record.sessions() != null && this.includes.contains(Include.SEGMENTS)) {
			sessions = record.sessions();
		}
		else if (record.sessions() != null && this.includes.contains(Include.SESSIONS)) {
			sessions = record.sessions().stream().map(Session::withoutSegments).toList();
		}
		return new CallRecordResponse(record.id(), wanted("version", record.version()), wanted("type", record.type()),
				wanted("modalities", record.modalities()), wanted("startDateTime", record.startDateTime()),
				wanted("endDateTime", record.endDateTime()), withDuration ? record.durationSeconds() : null,
				wanted("lastModifiedDateTime", record.lastModifiedDateTime()),
				wanted("joinWebUrl", record.joinWebUrl()), wanted("organizer", record.organizer()),
				this.includes.contains(Include.PARTICIPANTS) ? record.participants() : null, sessions,
				this.includes.contains(Include.PARTICIPANTS) ? record.participantsTruncated() : null,
				(sessions != null) ? record.sessionsTruncated() : null);
	}

	private <T> @Nullable T wanted(String field, @Nullable T value) {
		return (this.fields.isEmpty() || this.fields.contains(field)) ? value : null;
	}

	/**
	 * The values of a list parameter as sent: an empty value ({@code include=}, or
	 * {@code fields=id,,type}) is not one of the contract's values, and is rejected like
	 * any other (an empty list is sent by leaving the parameter out).
	 */
	private static List<String> values(@Nullable List<String> parameter) {
		return (parameter != null) ? parameter.stream().map(String::trim).toList() : List.of();
	}

	private static String unknown(String value, String parameter) {
		return value.isEmpty() ? "an empty value is not one of them (leave " + parameter + " out for none)."
				: "'" + printable(value) + "' is unknown.";
	}

	private static String printable(String value) {
		String safe = value.replaceAll("[^\\p{Alnum}_.-]", "?");
		return (safe.length() > 40) ? safe.substring(0, 40) + "..." : safe;
	}

	/**
	 * Related data a caller may include.
	 */
	enum Include {

		PARTICIPANTS, SESSIONS, SEGMENTS;

		static @Nullable Include of(String value) {
			for (Include include : values()) {
				if (include.name().toLowerCase(java.util.Locale.ROOT).equals(value)) {
					return include;
				}
			}
			return null;
		}

	}

}
