package io.callrecords.proxy.graph;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A Graph {@code endpoint}, {@code participantEndpoint} or {@code serviceEndpoint} of a
 * session or segment.
 *
 * @param odataType Graph's {@code @odata.type}
 * @param associatedIdentity the party at the endpoint
 * @param identity the deprecated identity set, for records without
 * {@code associatedIdentity}
 * @param name the endpoint's name
 * @param userAgent the software at the endpoint
 * @param feedback the user's rating
 * @param cpuName the CPU's name
 * @param cpuCoresCount its cores
 * @param cpuProcessorSpeedInMhz its speed
 */
public record GraphEndpoint(@JsonProperty("@odata.type") @Nullable String odataType,
		@Nullable GraphIdentity associatedIdentity, @Nullable GraphIdentitySet identity, @Nullable String name,
		@Nullable UserAgent userAgent, @Nullable Feedback feedback, @Nullable String cpuName,
		@Nullable Integer cpuCoresCount, @Nullable Integer cpuProcessorSpeedInMhz) {

	/**
	 * A Graph {@code userAgent}.
	 *
	 * @param platform the platform
	 * @param productFamily the product family
	 * @param applicationVersion the client's version
	 * @param headerValue the user agent header
	 * @param role the role of a service endpoint
	 * @param azureADAppId the app of a bot or service
	 * @param communicationServiceId the Azure Communication Services resource
	 */
	public record UserAgent(@Nullable String platform, @Nullable String productFamily,
			@Nullable String applicationVersion, @Nullable String headerValue, @Nullable String role,
			@Nullable String azureADAppId, @Nullable String communicationServiceId) {

	}

	/**
	 * A Graph {@code userFeedback}.
	 *
	 * @param rating the rating
	 * @param text the user's words
	 * @param tokens the feedback tokens, each ticked or not; members that are not
	 * booleans read as {@code null}
	 */
	public record Feedback(@Nullable String rating, @Nullable String text,
			@Nullable Map<String, @Nullable Boolean> tokens) {

	}

}
