package io.callrecords.proxy.callrecords;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One Direct Routing call of the API: Graph's {@code directRoutingLogRow}, flattened, its
 * times as instants and its duration in seconds as Graph gives it.
 *
 * @param id the row's id
 * @param correlationId the call's correlation id
 * @param userId the user's Entra object id
 * @param userPrincipalName the user's UPN
 * @param userDisplayName the user's display name
 * @param startDateTime when the call was answered
 * @param inviteDateTime when the first invite was sent
 * @param failureDateTime when the call failed; {@code null} when it did not (Graph's
 * {@code 0001-01-01T00:00:00Z})
 * @param endDateTime when it ended
 * @param durationSeconds its duration in seconds
 * @param callType the call type
 * @param successfulCall whether it succeeded
 * @param callerNumber the number that called, masked when configured
 * @param calleeNumber the number called, masked when configured
 * @param mediaPathLocation the data centre of the media path
 * @param signalingLocation the data centre of the signalling
 * @param finalSipCode the SIP code that ended it
 * @param callEndSubReason Microsoft's sub-code of the end
 * @param finalSipCodePhrase the SIP phrase that ended it
 * @param trunkFullyQualifiedDomainName the trunk's FQDN
 * @param mediaBypassEnabled whether media bypassed Microsoft
 */
public record DirectRoutingCall(@Nullable String id, @Nullable String correlationId, @Nullable String userId,
		@Nullable String userPrincipalName, @Nullable String userDisplayName, @Nullable Instant startDateTime,
		@Nullable Instant inviteDateTime, @Nullable Instant failureDateTime, @Nullable Instant endDateTime,
		@Nullable Integer durationSeconds, @Nullable String callType, @Nullable Boolean successfulCall,
		@Nullable String callerNumber, @Nullable String calleeNumber, @Nullable String mediaPathLocation,
		@Nullable String signalingLocation, @Nullable Integer finalSipCode, @Nullable Integer callEndSubReason,
		@Nullable String finalSipCodePhrase, @Nullable String trunkFullyQualifiedDomainName,
		@Nullable Boolean mediaBypassEnabled) {

}
