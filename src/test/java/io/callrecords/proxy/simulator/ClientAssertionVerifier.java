package io.callrecords.proxy.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.pem.PemContent;

/**
 * Entra ID's checks of client assertions: a {@code private_key_jwt} signed with the app's
 * trusted certificate, or a federated token (workload identity) signed by the trusted
 * Kubernetes issuer. Both must be for the right audience, subject and time.
 */
final class ClientAssertionVerifier {

	/** The issuer of the simulated Kubernetes service account tokens. */
	static final String FEDERATION_ISSUER = "https://oidc.simulated-cluster.example/";

	/** The subject Entra trusts through the federated credential. */
	static final String FEDERATION_SUBJECT = "system:serviceaccount:callrecords:callrecords-proxy";

	/** The audience of tokens exchanged with Entra ID. */
	static final String FEDERATION_AUDIENCE = "api://AzureADTokenExchange";

	private final String clientId;

	private final Supplier<String> tokenEndpoint;

	private final RSAPublicKey certificateKey;

	private final RSAKey federationKey;

	ClientAssertionVerifier(String clientId, Supplier<String> tokenEndpoint) {
		this.clientId = clientId;
		this.tokenEndpoint = tokenEndpoint;
		try (InputStream pem = getClass().getResourceAsStream("/simulator/credentials/app-certificate.pem")) {
			this.certificateKey = (RSAPublicKey) PemContent
				.of(new String(pem.readAllBytes(), StandardCharsets.US_ASCII))
				.getCertificates()
				.get(0)
				.getPublicKey();
			this.federationKey = new RSAKeyGenerator(2048).keyID("cluster-key").generate();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Verifies a client assertion.
	 * @param assertion the {@code client_assertion}
	 * @return why it is refused, or {@code null} when it is good
	 */
	@Nullable String refusal(@Nullable String assertion) {
		if (assertion == null) {
			return "no client_assertion";
		}
		try {
			SignedJWT jwt = SignedJWT.parse(assertion);
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			Instant now = Instant.now();
			if (claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().isAfter(now)) {
				return "the assertion has expired";
			}
			if (this.clientId.equals(claims.getIssuer())) {
				if (!jwt.verify(new RSASSAVerifier(this.certificateKey))) {
					return "the assertion is not signed by the app's certificate";
				}
				if (jwt.getHeader().getX509CertThumbprint() == null) {
					return "the assertion has no x5t header";
				}
				if (!this.clientId.equals(claims.getSubject())
						|| !claims.getAudience().contains(this.tokenEndpoint.get())) {
					return "the assertion's subject or audience is wrong";
				}
				return null;
			}
			if (FEDERATION_ISSUER.equals(claims.getIssuer())) {
				if (!jwt.verify(new RSASSAVerifier(this.federationKey))) {
					return "the federated token is not signed by the trusted issuer";
				}
				if (!FEDERATION_SUBJECT.equals(claims.getSubject())
						|| !claims.getAudience().contains(FEDERATION_AUDIENCE)) {
					return "the federated token's subject or audience does not match the federated credential";
				}
				return null;
			}
			return "the assertion's issuer is not trusted";
		}
		catch (ParseException | JOSEException ex) {
			return "the assertion is not a signed JWT";
		}
	}

	/**
	 * A service account token as the Azure Workload Identity webhook projects it.
	 * @param validity how long it is valid (negative for an expired one)
	 * @return the signed JWT
	 */
	String federatedToken(Duration validity) {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(FEDERATION_ISSUER)
			.subject(FEDERATION_SUBJECT)
			.audience(List.of(FEDERATION_AUDIENCE))
			.issueTime(Date.from(now.minusSeconds(10)))
			.expirationTime(Date.from(now.plus(validity)))
			.jwtID(UUID.randomUUID().toString())
			.build();
		try {
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.federationKey.getKeyID()).build(), claims);
			jwt.sign(new RSASSASigner(this.federationKey));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
