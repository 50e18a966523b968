package io.callrecords.proxy.graph;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the service reaches Microsoft Entra ID and Microsoft Graph. Bound from
 * {@code callrecords.graph.*}, which the {@code AZURE_*} and {@code GRAPH_*} environment
 * variables set (the table is {@code EnvironmentAliases}); the defaults are the ones
 * here.
 *
 * @param tenantId the Entra ID tenant (directory) id or verified domain the app
 * registration lives in; also the "home" tenant when deciding whether a party is external
 * @param clientId the app registration's application (client) id
 * @param clientSecret the app registration's client secret; never printed
 * @param clientCertificatePath a PEM file with the app registration's certificate and its
 * private key (PKCS#8), to authenticate with a signed client assertion instead of a
 * secret
 * @param federatedTokenFile a file holding a federated token (Azure workload identity:
 * the Kubernetes service account token the webhook projects), sent as the client
 * assertion; re-read for every token request because it is rotated
 * @param authorityHost the Entra ID authority, for example
 * {@code https://login.microsoftonline.us} for US Government; the token URI is
 * {@code {authorityHost}/{tenantId}/oauth2/v2.0/token}
 * @param baseUrl Microsoft Graph's base URL including the version segment
 * @param scope the OAuth2 scope to request; by default {@code {scheme}://{host of
 * baseUrl}/.default}
 * @param connectTimeout how long to wait for a TCP connection to Graph or Entra ID
 * @param responseTimeout how long to wait for Graph or Entra ID to answer one HTTP
 * request
 * @param maxResponseSize the largest Graph response body the service accepts
 */
@Validated
@ConfigurationProperties("callrecords.graph")
public record GraphProperties(
		@NotBlank(message = "must be set (AZURE_TENANT_ID)") @Pattern(regexp = "[A-Za-z0-9.-]{1,253}",
				message = "must be a tenant GUID or domain name (AZURE_TENANT_ID)") String tenantId,
		@NotBlank(message = "must be set (AZURE_CLIENT_ID)") @Pattern(regexp = "[A-Za-z0-9-]{1,64}",
				message = "must be an application (client) id (AZURE_CLIENT_ID)") String clientId,
		@Nullable Secret clientSecret, @Nullable Path clientCertificatePath, @Nullable Path federatedTokenFile,
		@DefaultValue("https://login.microsoftonline.com") @NotNull URI authorityHost,
		@DefaultValue("https://graph.microsoft.com/v1.0") @NotNull URI baseUrl, @Nullable String scope,
		@DefaultValue("5s") @NotNull Duration connectTimeout, @DefaultValue("30s") @NotNull Duration responseTimeout,
		@DefaultValue("64MB") @NotNull DataSize maxResponseSize) {

	/** The Graph hosts of the national clouds. */
	static final java.util.Set<String> NATIONAL_CLOUD_HOSTS = java.util.Set.of("graph.microsoft.us",
			"dod-graph.microsoft.us", "microsoftgraph.chinacloudapi.cn", "graph.microsoft.de");

	/**
	 * The OAuth2 scope to request for Graph.
	 * @return the configured scope or the base URL's origin followed by {@code /.default}
	 */
	public String effectiveScope() {
		if (this.scope != null && !this.scope.isBlank()) {
			return this.scope;
		}
		return this.baseUrl.getScheme() + "://" + this.baseUrl.getRawAuthority() + "/.default";
	}

	/**
	 * Whether the base URL is one of Microsoft's national clouds (US Government L4 and
	 * DoD, China operated by 21Vianet, the retired Germany cloud) rather than the global
	 * service. Some Graph functions are global-only, for example
	 * {@code getDirectRoutingCalls}.
	 * @return {@code true} for a national cloud's Graph host
	 */
	public boolean nationalCloud() {
		String host = this.baseUrl.getHost();
		return host != null && NATIONAL_CLOUD_HOSTS.contains(host.toLowerCase(java.util.Locale.ROOT));
	}

	/**
	 * The Entra ID token endpoint of the tenant.
	 * @return the token URI
	 */
	public URI tokenUri() {
		String authority = this.authorityHost.toString().replaceAll("/+$", "");
		return URI.create(authority + "/" + this.tenantId + "/oauth2/v2.0/token");
	}

	@AssertTrue(message = "exactly one credential must be set: AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH "
			+ "or AZURE_FEDERATED_TOKEN_FILE")
	boolean isCredentialChosen() {
		int credentials = ((this.clientSecret != null && !this.clientSecret.value().isBlank()) ? 1 : 0)
				+ ((this.clientCertificatePath != null) ? 1 : 0) + ((this.federatedTokenFile != null) ? 1 : 0);
		return credentials == 1;
	}

	@AssertTrue(message = "must be a readable file (AZURE_CLIENT_CERTIFICATE_PATH, AZURE_FEDERATED_TOKEN_FILE)")
	boolean isCredentialFileReadable() {
		return (this.clientCertificatePath == null || Files.isReadable(this.clientCertificatePath))
				&& (this.federatedTokenFile == null || Files.isReadable(this.federatedTokenFile));
	}

	@AssertTrue(
			message = "baseUrl and authorityHost must be absolute http or https URLs without query (GRAPH_BASE_URL, AZURE_AUTHORITY_HOST)")
	boolean isUpstreamUrlsValid() {
		return isHttpUrl(this.baseUrl) && isHttpUrl(this.authorityHost);
	}

	@AssertTrue(message = "timeouts must be positive and maxResponseSize between 1KB and 512MB")
	boolean isLimitsValid() {
		return !this.connectTimeout.isNegative() && !this.connectTimeout.isZero() && !this.responseTimeout.isNegative()
				&& !this.responseTimeout.isZero() && this.maxResponseSize.toBytes() >= 1024
				&& this.maxResponseSize.toBytes() <= 512L * 1024 * 1024;
	}

	private static boolean isHttpUrl(@Nullable URI uri) {
		return uri != null && uri.isAbsolute() && uri.getHost() != null && uri.getRawQuery() == null
				&& ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
	}

	/**
	 * A secret value whose {@code toString()} never reveals it.
	 *
	 * @param value the secret
	 */
	public record Secret(String value) {

		@Override
		public String toString() {
			return "******";
		}

	}

}
