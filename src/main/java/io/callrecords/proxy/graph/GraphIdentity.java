package io.callrecords.proxy.graph;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One Graph {@code identity} ({@code userIdentity}, {@code communicationsUserIdentity}, a
 * phone, an application, ...): the members the API uses of every kind.
 *
 * @param odataType Graph's {@code @odata.type}, when sent
 * @param id the identity's id
 * @param displayName its display name
 * @param tenantId its tenant
 * @param userPrincipalName the user principal name of users
 */
public record GraphIdentity(@JsonProperty("@odata.type") @Nullable String odataType, @Nullable String id,
		@Nullable String displayName, @Nullable String tenantId, @Nullable String userPrincipalName) {

}
