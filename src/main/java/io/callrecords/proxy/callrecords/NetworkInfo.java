package io.callrecords.proxy.callrecords;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The network one end of a stream used ({@code NetworkInfo} in {@code api-spec.yaml}),
 * named as Graph names it; the trace route's round trip times are milliseconds.
 */
public record NetworkInfo(@Nullable String connectionType, @Nullable String ipAddress, @Nullable String subnet,
		@Nullable String reflexiveIPAddress, @Nullable String relayIPAddress, @Nullable Integer relayPort,
		@Nullable Integer port, @Nullable String macAddress, @Nullable String dnsSuffix,
		@Nullable String basicServiceSetIdentifier, @Nullable Long linkSpeed, @Nullable String networkTransportProtocol,
		@Nullable Double bandwidthLowEventRatio, @Nullable Double delayEventRatio,
		@Nullable Double receivedQualityEventRatio, @Nullable Double sentQualityEventRatio, @Nullable String wifiBand,
		@Nullable Integer wifiBatteryCharge, @Nullable Integer wifiChannel, @Nullable String wifiMicrosoftDriver,
		@Nullable String wifiMicrosoftDriverVersion, @Nullable String wifiRadioType,
		@Nullable Integer wifiSignalStrength, @Nullable String wifiVendorDriver,
		@Nullable String wifiVendorDriverVersion, @Nullable List<TraceRouteHop> traceRouteHops) {

	/**
	 * One hop of a trace route.
	 *
	 * @param hopCount the hop's number
	 * @param ipAddress the hop's address
	 * @param roundTripTimeMs the round trip time to the hop in milliseconds
	 */
	public record TraceRouteHop(@Nullable Integer hopCount, @Nullable String ipAddress,
			@Nullable Double roundTripTimeMs) {

	}

}
