package io.callrecords.proxy.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

/**
 * Entra ID's tokens for the service's callers: RS256 JWTs signed with a key published at
 * the simulator's JWK set endpoint, with {@code aud}, {@code iss}, {@code azp} and
 * {@code roles} as Entra ID sets them for an app calling an API with client credentials.
 * Tests build good and bad tokens with {@link #builder()}; the local run gets them from
 * the token endpoint (see README).
 */
public final class CallerTokens {

	/** The API's application id URI, the audience of callers' tokens. */
	public static final String AUDIENCE = "api://callrecords-proxy";

	/** A caller app for the local run: its client id. */
	public static final String LOCAL_CALLER_ID = "5c0ffee0-0000-4000-8000-00000000ca11";

	/** A caller app for the local run: its made-up secret, valid only here. */
	public static final String LOCAL_CALLER_SECRET = "local-caller-secret-not-a-real-one";

	private final RSAKey key;

	private final RSAKey otherKey;

	private final Supplier<String> issuer;

	CallerTokens(Supplier<String> issuer) {
		this.issuer = issuer;
		try {
			this.key = new RSAKeyGenerator(2048).keyID("simulator-signing-key").generate();
			this.otherKey = new RSAKeyGenerator(2048).keyID("simulator-signing-key").generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The issuer, as Entra ID v2.0 names it.
	 * @return {@code {authority}/{tenant}/v2.0}
	 */
	public String issuer() {
		return this.issuer.get();
	}

	String jwks() {
		return new JWKSet(this.key.toPublicJWK()).toString();
	}

	/**
	 * A valid token for a caller app with the {@code CallRecords.Read} role.
	 * @param callerId the calling app's client id
	 * @return the signed JWT
	 */
	public String issue(String callerId) {
		return builder().caller(callerId).build();
	}

	/**
	 * Builds a token, valid unless told otherwise.
	 * @return the builder
	 */
	public Builder builder() {
		return new Builder();
	}

	/**
	 * A caller token under construction.
	 */
	public final class Builder {

		private String caller = "test-caller";

		private List<String> roles = new ArrayList<>(List.of("CallRecords.Read"));

		private @Nullable String scopes;

		private String audience = AUDIENCE;

		private String issuer = CallerTokens.this.issuer.get();

		private Duration expiresIn = Duration.ofHours(1);

		private boolean foreignKey;

		private boolean unsigned;

		public Builder caller(String caller) {
			this.caller = caller;
			return this;
		}

		public Builder roles(String... roles) {
			this.roles = new ArrayList<>(List.of(roles));
			return this;
		}

		public Builder scopes(String scopes) {
			this.scopes = scopes;
			return this;
		}

		public Builder audience(String audience) {
			this.audience = audience;
			return this;
		}

		public Builder issuer(String issuer) {
			this.issuer = issuer;
			return this;
		}

		public Builder expiresIn(Duration expiresIn) {
			this.expiresIn = expiresIn;
			return this;
		}

		/** Signs with a key the issuer never published. */
		public Builder signedByAnotherKey() {
			this.foreignKey = true;
			return this;
		}

		/** Leaves the token unsigned ({@code alg: none}). */
		public Builder unsigned() {
			this.unsigned = true;
			return this;
		}

		public String build() {
			Instant now = Instant.now();
			JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.issuer)
				.audience(this.audience)
				.subject(UUID.nameUUIDFromBytes(this.caller.getBytes()).toString())
				.claim("azp", this.caller)
				.claim("tid", GraphSimulator.TENANT_ID)
				.claim("ver", "2.0")
				.jwtID(UUID.randomUUID().toString())
				.issueTime(Date.from(now.minusSeconds(5)))
				.notBeforeTime(Date.from(now.minusSeconds(5)))
				.expirationTime(Date.from(now.plus(this.expiresIn)));
			if (!this.roles.isEmpty()) {
				claims.claim("roles", this.roles);
			}
			if (this.scopes != null) {
				claims.claim("scp", this.scopes);
			}
			if (this.unsigned) {
				return new PlainJWT(claims.build()).serialize();
			}
			RSAKey signing = this.foreignKey ? CallerTokens.this.otherKey : CallerTokens.this.key;
			try {
				SignedJWT jwt = new SignedJWT(
						new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signing.getKeyID()).build(), claims.build());
				jwt.sign(new RSASSASigner(signing));
				return jwt.serialize();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
