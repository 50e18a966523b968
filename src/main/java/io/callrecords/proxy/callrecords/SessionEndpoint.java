package io.callrecords.proxy.callrecords;

import org.jspecify.annotations.Nullable;

/**
 * The caller or callee of a session or segment ({@code SessionEndpoint} in
 * {@code api-spec.yaml}).
 *
 * @param endpointType {@code participant}, {@code service} or {@code unknown}
 * @param party who was at the endpoint, for participant endpoints
 * @param name the endpoint's machine name
 * @param userAgent the client or service software
 * @param feedback the rating the user gave
 * @param cpuName the CPU's name
 * @param cpuCoresCount the number of CPU cores
 * @param cpuProcessorSpeedInMhz the CPU's speed
 */
public record SessionEndpoint(String endpointType, @Nullable Party party, @Nullable String name,
		@Nullable UserAgent userAgent, @Nullable Feedback feedback, @Nullable String cpuName,
		@Nullable Integer cpuCoresCount, @Nullable Integer cpuProcessorSpeedInMhz) {

	/**
	 * The software at an endpoint.
	 *
	 * @param platform the client platform
	 * @param productFamily the client product family
	 * @param applicationVersion the application's version
	 * @param headerValue the raw user agent header
	 * @param role for service endpoints, the service's role
	 * @param azureADAppId the client's Entra ID app id
	 * @param communicationServiceId the Azure Communication Services resource id
	 */
	public record UserAgent(@Nullable String platform, @Nullable String productFamily,
			@Nullable String applicationVersion, @Nullable String headerValue, @Nullable String role,
			@Nullable String azureADAppId, @Nullable String communicationServiceId) {

	}

	/**
	 * A user's rating of the call.
	 *
	 * @param rating the rating
	 * @param text the user's comment
	 * @param tokens the feedback tokens ticked
	 */
	public record Feedback(@Nullable String rating, @Nullable String text,
			java.util.@Nullable Map<String, Boolean> tokens) {

	}

}
