package io.callrecords.proxy.graph;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * A Graph {@code pstnCallLogRow}: one PSTN call of the tenant's Calling Plans, as
 * {@code getPstnCalls} returns it.
 *
 * @param id the row's id
 * @param callId the call's id on the PSTN side
 * @param userId the user's Entra object id
 * @param userPrincipalName the user's UPN
 * @param userDisplayName the user's display name
 * @param startDateTime when the call started
 * @param endDateTime when the call ended
 * @param duration the call's duration in seconds
 * @param charge what the call cost (Edm.Decimal)
 * @param callType the call type, for example {@code user_in}
 * @param currency the charge's currency
 * @param calleeNumber the number called
 * @param callerNumber the number that called
 * @param usageCountryCode the country of use
 * @param tenantCountryCode the tenant's country
 * @param connectionCharge the connection charge (Edm.Decimal)
 * @param destinationContext whether the destination was domestic or international
 * @param destinationName the destination's name
 * @param conferenceId the audio conference's id, for conference calls
 * @param licenseCapability the licence used
 * @param inventoryType the number's inventory type
 * @param operator the operator
 * @param callDurationSource who measured the duration: {@code microsoft} or
 * {@code operator}
 */
public record GraphPstnCallRow(@Nullable String id, @Nullable String callId, @Nullable String userId,
		@Nullable String userPrincipalName, @Nullable String userDisplayName, @Nullable OffsetDateTime startDateTime,
		@Nullable OffsetDateTime endDateTime, @Nullable Integer duration, @Nullable BigDecimal charge,
		@Nullable String callType, @Nullable String currency, @Nullable String calleeNumber,
		@Nullable String callerNumber, @Nullable String usageCountryCode, @Nullable String tenantCountryCode,
		@Nullable BigDecimal connectionCharge, @Nullable String destinationContext, @Nullable String destinationName,
		@Nullable String conferenceId, @Nullable String licenseCapability, @Nullable String inventoryType,
		@Nullable String operator, @Nullable String callDurationSource) {

}
