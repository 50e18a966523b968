package io.callrecords.proxy.web;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.callrecords.proxy.cluster.RedisLink;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * HTTP security: callers present a JWT from the configured issuer, for the configured
 * audience, with the required app role or scope; everything else is a 401 or 403 problem.
 * Actuator health, info and prometheus stay open for probes and scraping (move them to
 * another port with {@code MANAGEMENT_SERVER_PORT}). Stateless, no login page, no
 * generated password, no CORS unless origins are configured, and security headers on
 * every answer.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String CALLER_AUTHORITY_PREFIX = "CALLER_";

	private static final Logger logger = LoggerFactory.getLogger(SecurityConfiguration.class);

	/**
	 * No observation of the security filter chain: requests stay observed by Spring MVC's
	 * own observation, and each security filter is not wrapped in an observing decorator
	 * on every request (which {@code management.observations.enable.spring.security}
	 * alone does not remove: it only makes the decorator's observations no-ops).
	 * @return settings that observe neither requests, authentications nor authorizations
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * The contract and its Swagger UI are public, like the generated clients built from
	 * them: the spec holds no data. So is the browsers' favicon request, which finds none
	 * (a 404 rather than a demand for a token). They get a content security policy that
	 * lets the UI's own scripts run.
	 */
	@Bean
	@Order(1)
	SecurityFilterChain documentationFilterChain(HttpSecurity http) throws Exception {
		return http.securityMatcher("/api-spec.yaml", "/docs", "/docs/**", "/webjars/swagger-ui/**", "/favicon.ico")
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(
					"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")))
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain securityFilterChain(HttpSecurity http, InboundAuthProperties auth, ProblemResponses problems,
			MeterRegistry meters, ObjectMapper json, RedisLink link) throws Exception {
		http.csrf(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.anonymous(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
		if (auth.corsAllowedOrigins().isEmpty()) {
			http.cors(AbstractHttpConfigurer::disable);
		}
		else {
			http.cors((cors) -> cors.configurationSource(cors(auth.corsAllowedOrigins())));
		}
		if (!auth.enabled()) {
			logger.warn("Inbound authentication is OFF (PROXY_AUTH_ENABLED=false): anyone who can reach this service "
					+ "can read every call record of the tenant. Use this only for local runs.");
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
		}
		BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
		ProtectedResourceMetadata metadata = new ProtectedResourceMetadata(auth, problems, json);
		BearerTokenAccessDeniedHandler denied = new BearerTokenAccessDeniedHandler();
		return http
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
						"/error")
				.permitAll()
				.requestMatchers("/api/**")
				.hasAuthority(CALLER_AUTHORITY_PREFIX + auth.requiredRole())
				.anyRequest()
				.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.decoder(new VerifiedTokens(jwtDecoder(auth), Clock.systemUTC()))
					.jwtAuthenticationConverter(
							(token) -> new JwtAuthenticationToken(token, authorities(token), callerId(token))))
				.authenticationEntryPoint((request, response, ex) -> {
					bearer.commence(request, response, ex);
					String challenge = response.getHeader(HttpHeaders.WWW_AUTHENTICATE);
					if (challenge != null) {
						response.setHeader(HttpHeaders.WWW_AUTHENTICATE, metadata.challenge(challenge));
					}
					problems.write(request, response, ProblemCode.UNAUTHENTICATED,
							"Send a valid bearer token issued for this service (Authorization: Bearer ...): it was "
									+ "missing, expired, not signed by the configured issuer or not for this audience.");
				})
				.accessDeniedHandler((request, response, ex) -> {
					denied.handle(request, response, ex);
					problems.write(request, response, ProblemCode.FORBIDDEN, "The calling app needs the app role or "
							+ "scope '" + auth.requiredRole() + "' to read call records.");
				}))
			// ahead of Spring Security's own metadata filter, which it replaces
			.addFilterAfter(metadata, HeaderWriterFilter.class)
			.addFilterAfter(new CallerQuotas(auth, problems, meters, link), BearerTokenAuthenticationFilter.class)
			.build();
	}

	/**
	 * Verifies signature (RS256 by the issuer's published keys; unsigned
	 * {@code alg: none} tokens never parse), expiry, issuer and audience. The key set is
	 * fetched with explicit timeouts.
	 */
	static JwtDecoder jwtDecoder(InboundAuthProperties auth) {
		SimpleClientHttpRequestFactory requestFactory = new SimpleClientHttpRequestFactory();
		requestFactory.setConnectTimeout(Duration.ofSeconds(5));
		requestFactory.setReadTimeout(Duration.ofSeconds(5));
		RestTemplate keys = new RestTemplate(requestFactory);
		NimbusJwtDecoder decoder = (auth.jwkSetUri() != null)
				? NimbusJwtDecoder.withJwkSetUri(auth.jwkSetUri().toString()).restOperations(keys).build()
				: NimbusJwtDecoder.withIssuerLocation(auth.issuerUri().toString()).restOperations(keys).build();
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(new JwtTimestampValidator(Duration.ofSeconds(60)));
		if (auth.issuerUri() != null) {
			validators.add(new JwtIssuerValidator(auth.issuerUri().toString()));
		}
		String audience = auth.audience();
		validators.add(new JwtClaimValidator<List<String>>("aud", (aud) -> aud != null && aud.contains(audience)));
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
		return decoder;
	}

	/**
	 * App roles ({@code roles}, application tokens) and delegated scopes ({@code scp}).
	 */
	private static Collection<GrantedAuthority> authorities(Jwt jwt) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		List<String> roles = jwt.getClaimAsStringList("roles");
		if (roles != null) {
			roles.forEach((role) -> authorities.add(new SimpleGrantedAuthority(CALLER_AUTHORITY_PREFIX + role)));
		}
		Object scopes = jwt.getClaims().get("scp");
		if (scopes instanceof String value) {
			for (String scope : value.trim().split("\\s+")) {
				authorities.add(new SimpleGrantedAuthority(CALLER_AUTHORITY_PREFIX + scope));
			}
		}
		else if (scopes instanceof Collection<?> values) {
			values.forEach((scope) -> authorities.add(new SimpleGrantedAuthority(CALLER_AUTHORITY_PREFIX + scope)));
		}
		return authorities;
	}

	/**
	 * The calling app: Entra's {@code azp} (v2) or {@code appid} (v1), else
	 * {@code client_id}.
	 */
	static String callerId(Jwt jwt) {
		for (String claim : List.of("azp", "appid", "client_id", "sub")) {
			String value = jwt.getClaimAsString(claim);
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return "unknown";
	}

	private static UrlBasedCorsConfigurationSource cors(List<String> origins) {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(origins);
		configuration.setAllowedMethods(List.of("GET"));
		configuration
			.setAllowedHeaders(List.of("Authorization", "client-request-id", "If-None-Match", "Cache-Control"));
		configuration.setExposedHeaders(List.of("client-request-id", "Retry-After", "ETag"));
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/api/**", configuration);
		return source;
	}

}
