package io.callrecords.proxy.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call the API. Bound from {@code callrecords.auth.*}, filled from the
 * {@code PROXY_AUTH_*} and {@code PROXY_CALLER_*} environment variables.
 *
 * @param enabled whether callers must present a valid bearer token; on by default, and
 * the service refuses to start on without an issuer or JWK set and an audience
 * @param issuerUri the token issuer, for example
 * {@code https://login.microsoftonline.com/{tenant}/v2.0}; its discovery document gives
 * the keys unless {@code jwkSetUri} is set
 * @param jwkSetUri where the issuer's signing keys are, for example
 * {@code https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys}
 * @param audience the {@code aud} callers' tokens must carry: the API's application id
 * URI or client id
 * @param requiredRole the app role (Entra puts them in {@code roles}) or delegated scope
 * (in {@code scp}) a caller needs
 * @param callerQuota requests one calling app may make per {@code callerQuotaPeriod}
 * @param callerQuotaPeriod the quota's period
 * @param corsAllowedOrigins browser origins allowed to call the API; none by default (no
 * CORS)
 */
@Validated
@ConfigurationProperties("callrecords.auth")
public record InboundAuthProperties(@DefaultValue("true") boolean enabled, @Nullable URI issuerUri,
		@Nullable URI jwkSetUri, @Nullable String audience,
		@DefaultValue("CallRecords.Read") @NotBlank(
				message = "must be set (PROXY_AUTH_REQUIRED_ROLE)") String requiredRole,
		@DefaultValue("600") @Min(value = 1, message = "must be at least 1 (PROXY_CALLER_QUOTA)") int callerQuota,
		@DefaultValue("1m") @NotNull Duration callerQuotaPeriod, @DefaultValue List<String> corsAllowedOrigins) {

	@AssertTrue(message = "inbound authentication needs PROXY_AUTH_ISSUER_URI or PROXY_AUTH_JWK_SET_URI, and "
			+ "PROXY_AUTH_AUDIENCE; to run without it, set PROXY_AUTH_ENABLED=false explicitly")
	boolean isConfigured() {
		return !this.enabled || ((this.issuerUri != null || this.jwkSetUri != null) && this.audience != null
				&& !this.audience.isBlank());
	}

	@AssertTrue(message = "must be a positive duration (PROXY_CALLER_QUOTA_PERIOD)")
	boolean isCallerQuotaPeriodValid() {
		return this.callerQuotaPeriod.toMillis() > 0;
	}

}
