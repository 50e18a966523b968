package io.callrecords.proxy.quality;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a stream is unclassified.
 */
public enum UnclassifiedReason {

	/**
	 * An audio stream with too few packets ({@code packetUtilization} at or below the
	 * gate): CQD leaves short or idle streams out.
	 */
	LOW_PACKET_UTILIZATION("lowPacketUtilization"),

	/** Graph did not send the metrics the rule needs. */
	MISSING_METRICS("missingMetrics"),

	/** A medium CQD does not classify from Graph's metrics. */
	UNSUPPORTED_MEDIA("unsupportedMedia");

	private final String value;

	UnclassifiedReason(String value) {
		this.value = value;
	}

	/**
	 * The reason as the API writes it.
	 * @return its name
	 */
	@JsonValue
	public String value() {
		return this.value;
	}

}
