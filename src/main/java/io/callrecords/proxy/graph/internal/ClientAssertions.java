package io.callrecords.proxy.graph.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;

import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.client.endpoint.NimbusJwtClientAuthenticationParametersConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The two ways to authenticate to Entra ID without a client secret, as Spring Security
 * token request parameter converters: a client assertion signed with the app's
 * certificate ({@code private_key_jwt}), and a federated token from a file (Azure
 * workload identity).
 */
final class ClientAssertions {

	static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	private ClientAssertions() {
	}

	/**
	 * Signs client assertions with the certificate's private key, with the certificate's
	 * SHA-1 thumbprint as {@code x5t}, as Entra ID requires.
	 * @param pem a PEM file with the private key (PKCS#8) and the certificate
	 * @return the converter
	 */
	static NimbusJwtClientAuthenticationParametersConverter<OAuth2ClientCredentialsGrantRequest> certificate(Path pem) {
		RSAKey key = rsaKey(pem);
		NimbusJwtClientAuthenticationParametersConverter<OAuth2ClientCredentialsGrantRequest> converter = new NimbusJwtClientAuthenticationParametersConverter<>(
				(registration) -> key);
		converter.setJwtClientAssertionCustomizer(
				(context) -> context.getHeaders().x509SHA1Thumbprint(key.getX509CertThumbprint().toString()));
		return converter;
	}

	/**
	 * Sends the federated token in the file as the client assertion, read anew for each
	 * request.
	 * @param file the token file
	 * @return the converter
	 */
	static Converter<OAuth2ClientCredentialsGrantRequest, MultiValueMap<String, String>> federated(Path file) {
		return (request) -> {
			try {
				MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
				parameters.set("client_assertion_type", JWT_BEARER);
				parameters.set("client_assertion", Files.readString(file, StandardCharsets.US_ASCII).trim());
				return parameters;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("The federated token file cannot be read", ex);
			}
		};
	}

	static RSAKey rsaKey(Path pem) {
		try {
			PemContent content = PemContent.load(pem);
			PrivateKey privateKey = content.getPrivateKey();
			List<X509Certificate> certificates = content.getCertificates();
			if (!(privateKey instanceof RSAPrivateKey rsaPrivate) || certificates.isEmpty()
					|| !(certificates.get(0).getPublicKey() instanceof RSAPublicKey rsaPublic)) {
				throw new IllegalStateException(
						"AZURE_CLIENT_CERTIFICATE_PATH must hold an RSA private key (PKCS#8) and its certificate");
			}
			X509Certificate certificate = certificates.get(0);
			byte[] der = certificate.getEncoded();
			Base64URL thumbprint = Base64URL.encode(MessageDigest.getInstance("SHA-1").digest(der));
			return new RSAKey.Builder(rsaPublic).privateKey(rsaPrivate)
				.x509CertThumbprint(thumbprint)
				.x509CertSHA256Thumbprint(Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(der)))
				.x509CertChain(List.of(com.nimbusds.jose.util.Base64.encode(der)))
				.keyID(thumbprint.toString())
				.build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("AZURE_CLIENT_CERTIFICATE_PATH cannot be read", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AZURE_CLIENT_CERTIFICATE_PATH cannot be read", ex);
		}
	}

}
