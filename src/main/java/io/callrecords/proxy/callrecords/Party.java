package io.callrecords.proxy.callrecords;

import org.jspecify.annotations.Nullable;

/**
 * One identity flattened from Graph's identity sets ({@code Party} in
 * {@code api-spec.yaml}).
 *
 * @param id Graph's participant or organizer id (an E.164 number for phone parties)
 * @param displayName the display name
 * @param tenantId the identity's tenant
 * @param userPrincipalName the user principal name, for users
 * @param kind the identity slot that identifies the party
 * @param external whether the party is outside the home tenant; {@code null} when unknown
 */
public record Party(@Nullable String id, @Nullable String displayName, @Nullable String tenantId,
		@Nullable String userPrincipalName, PartyKind kind, @Nullable Boolean external) {

}
