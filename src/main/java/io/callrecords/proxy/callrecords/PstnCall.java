package io.callrecords.proxy.callrecords;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One PSTN call of the API: Graph's {@code pstnCallLogRow}, flattened, its times as
 * instants and its duration in seconds as Graph gives it.
 *
 * @param id the row's id
 * @param callId the call's id on the PSTN side
 * @param userId the user's Entra object id
 * @param userPrincipalName the user's UPN
 * @param userDisplayName the user's display name
 * @param startDateTime when the call started
 * @param endDateTime when it ended
 * @param durationSeconds its duration in seconds
 * @param charge what it cost
 * @param connectionCharge the connection charge
 * @param currency the charges' currency
 * @param callType the call type
 * @param callerNumber the number that called, masked when configured
 * @param calleeNumber the number called, masked when configured
 * @param usageCountryCode the country of use
 * @param tenantCountryCode the tenant's country
 * @param destinationContext domestic or international
 * @param destinationName the destination
 * @param conferenceId the audio conference, for conference calls
 * @param licenseCapability the licence used
 * @param inventoryType the number's inventory type
 * @param operator the operator
 * @param callDurationSource who measured the duration
 */
public record PstnCall(@Nullable String id, @Nullable String callId, @Nullable String userId,
		@Nullable String userPrincipalName, @Nullable String userDisplayName, @Nullable Instant startDateTime,
		@Nullable Instant endDateTime, @Nullable Integer durationSeconds, @Nullable BigDecimal charge,
		@Nullable BigDecimal connectionCharge, @Nullable String currency, @Nullable String callType,
		@Nullable String callerNumber, @Nullable String calleeNumber, @Nullable String usageCountryCode,
		@Nullable String tenantCountryCode, @Nullable String destinationContext, @Nullable String destinationName,
		@Nullable String conferenceId, @Nullable String licenseCapability, @Nullable String inventoryType,
		@Nullable String operator, @Nullable String callDurationSource) {

}
