package io.callrecords.proxy.callrecords;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The identity slot of a Graph identity set that identifies a party, in order of
 * precedence: when several slots are set, the first one in this order names the kind. A
 * directory identity (user, guest, app) is preferred to the contact point it used (phone,
 * device), and {@code assertedIdentity}, a caller id asserted by another party, comes
 * last.
 */
public enum PartyKind {

	USER("user"), GUEST("guest"), APPLICATION_INSTANCE("applicationInstance"), APPLICATION("application"),
	ACS_USER("acsUser"), SPOOL_USER("spoolUser"), AZURE_COMMUNICATION_SERVICES_USER("azureCommunicationServicesUser"),
	ACS_APPLICATION_INSTANCE("acsApplicationInstance"), SPOOL_APPLICATION_INSTANCE("spoolApplicationInstance"),
	PHONE("phone"), ON_PREMISES("onPremises"), ENCRYPTED("encrypted"), DEVICE("device"),
	ASSERTED_IDENTITY("assertedIdentity"),

	/** A slot the service has never seen, or no identity at all. */
	UNKNOWN("unknown");

	private final String slot;

	PartyKind(String slot) {
		this.slot = slot;
	}

	/**
	 * The slot's name in Graph's identity set, also the kind's name in the API.
	 * @return the slot name
	 */
	@JsonValue
	public String slot() {
		return this.slot;
	}

}
