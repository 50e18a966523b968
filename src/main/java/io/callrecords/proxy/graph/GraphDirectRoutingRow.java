package io.callrecords.proxy.graph;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * A Graph {@code directRoutingLogRow}: one call through the tenant's Direct Routing
 * trunks, as {@code getDirectRoutingCalls} returns it.
 *
 * @param id the row's id
 * @param correlationId the call's correlation id
 * @param userId the user's Entra object id
 * @param userPrincipalName the user's UPN
 * @param userDisplayName the user's display name
 * @param startDateTime when the call was answered
 * @param inviteDateTime when the first invite was sent
 * @param failureDateTime when the call failed ({@code 0001-01-01T00:00:00Z} when it did
 * not)
 * @param endDateTime when the call ended
 * @param duration the call's duration in seconds
 * @param callType the call type, for example {@code ByotIn}
 * @param successfulCall whether the call succeeded
 * @param callerNumber the number that called
 * @param calleeNumber the number called
 * @param mediaPathLocation the data centre of the media path
 * @param signalingLocation the data centre of the signalling
 * @param finalSipCode the SIP code that ended the call
 * @param callEndSubReason Microsoft's sub-code of the end
 * @param finalSipCodePhrase the SIP phrase that ended the call
 * @param trunkFullyQualifiedDomainName the trunk's FQDN
 * @param mediaBypassEnabled whether media bypassed Microsoft
 */
public record GraphDirectRoutingRow(@Nullable String id, @Nullable String correlationId, @Nullable String userId,
		@Nullable String userPrincipalName, @Nullable String userDisplayName, @Nullable OffsetDateTime startDateTime,
		@Nullable OffsetDateTime inviteDateTime, @Nullable OffsetDateTime failureDateTime,
		@Nullable OffsetDateTime endDateTime, @Nullable Integer duration, @Nullable String callType,
		@Nullable Boolean successfulCall, @Nullable String callerNumber, @Nullable String calleeNumber,
		@Nullable String mediaPathLocation, @Nullable String signalingLocation, @Nullable Integer finalSipCode,
		@Nullable Integer callEndSubReason, @Nullable String finalSipCodePhrase,
		@Nullable String trunkFullyQualifiedDomainName, @Nullable Boolean mediaBypassEnabled) {

}
