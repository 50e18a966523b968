package io.callrecords.proxy.graph;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A Graph {@code networkInfo}: one side's network during a medium, named and typed as
 * Graph sends it.
 */
public record GraphNetworkInfo(@Nullable String connectionType, @Nullable String ipAddress, @Nullable String subnet,
		@JsonProperty("reflexiveIPAddress") @Nullable String reflexiveIPAddress,
		@JsonProperty("relayIPAddress") @Nullable String relayIPAddress, @Nullable Integer relayPort,
		@Nullable Integer port, @Nullable String macAddress, @Nullable String dnsSuffix,
		@Nullable String basicServiceSetIdentifier, @Nullable Long linkSpeed, @Nullable String networkTransportProtocol,
		@Nullable Double bandwidthLowEventRatio, @Nullable Double delayEventRatio,
		@Nullable Double receivedQualityEventRatio, @Nullable Double sentQualityEventRatio, @Nullable String wifiBand,
		@Nullable Integer wifiBatteryCharge, @Nullable Integer wifiChannel, @Nullable String wifiMicrosoftDriver,
		@Nullable String wifiMicrosoftDriverVersion, @Nullable String wifiRadioType,
		@Nullable Integer wifiSignalStrength, @Nullable String wifiVendorDriver,
		@Nullable String wifiVendorDriverVersion, @Nullable List<@Nullable TraceRouteHop> traceRouteHops) {

	/**
	 * A Graph {@code traceRouteHop}.
	 *
	 * @param hopCount the hop's number
	 * @param ipAddress its address
	 * @param roundTripTime its round trip time
	 */
	public record TraceRouteHop(@Nullable Integer hopCount, @Nullable String ipAddress,
			@JsonDeserialize(using = IsoDuration.class) @Nullable Duration roundTripTime) {

	}

}
