package io.callrecords.proxy.graph;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The identifiers Graph uses and the API accepts, each rule written once: object, tenant
 * and call record ids are GUIDs; phone numbers are E.164.
 */
public final class GraphIds {

	private static final Pattern GUID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

	private GraphIds() {
	}

	/**
	 * Whether a value is a GUID, such as a call record, object or tenant id.
	 * @param value the value
	 * @return {@code true} for a GUID in any case
	 */
	public static boolean isGuid(@Nullable String value) {
		return value != null && GUID.matcher(value).matches();
	}

	/**
	 * Whether a value is an E.164 phone number, such as {@code +14255550100}.
	 * @param value the value
	 * @return {@code true} for an E.164 number
	 */
	public static boolean isPhoneNumber(@Nullable String value) {
		return value != null && E164.matcher(value).matches();
	}

	/**
	 * Whether a value identifies a call participant in Graph's list filter: an object id
	 * or a phone number.
	 * @param value the value
	 * @return {@code true} when Graph can filter by it
	 */
	public static boolean isParticipantId(@Nullable String value) {
		return isGuid(value) || isPhoneNumber(value);
	}

}
