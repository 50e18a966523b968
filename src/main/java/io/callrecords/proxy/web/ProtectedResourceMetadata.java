package io.callrecords.proxy.web;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API's OAuth 2.0 protected resource metadata (RFC 9728), in place of the one Spring
 * Security serves, which names the request's URL as the resource, no authorization server
 * and certificate-bound tokens the service does not require.
 * <p>
 * RFC 9728 identifies a resource by an {@code https} URL and finds its metadata by
 * inserting {@code /.well-known/oauth-protected-resource} into that URL. The resource is
 * the audience callers' tokens carry: when it is an {@code https} URL, the metadata is
 * served at the URL derived from it, names the configured issuer as authorization server
 * and the scopes that get a token with the required role or scope, and every bearer
 * challenge points to it. When it is not (Entra's {@code api://} application id URIs and
 * client ids), there is no conforming metadata: the endpoint answers 404 and challenges
 * do not point to it.
 */
class ProtectedResourceMetadata extends OncePerRequestFilter {

	static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

	private static final Pattern RESOURCE_METADATA = Pattern.compile(",?\\s*resource_metadata=\"[^\"]*\"");

	private final @Nullable Map<String, Object> metadata;

	private final @Nullable String path;

	private final @Nullable String url;

	private final ProblemResponses problems;

	private final ObjectMapper json;

	ProtectedResourceMetadata(InboundAuthProperties auth, ProblemResponses problems, ObjectMapper json) {
		this.problems = problems;
		this.json = json;
		URI resource = resource(auth.audience());
		if (resource == null) {
			this.metadata = null;
			this.path = null;
			this.url = null;
			return;
		}
		String resourcePath = (resource.getRawPath() != null) ? resource.getRawPath().replaceAll("/+$", "") : "";
		this.path = WELL_KNOWN + resourcePath;
		this.url = resource.getScheme() + "://" + resource.getRawAuthority() + this.path;
		String identifier = resource.toString();
		String prefix = identifier.endsWith("/") ? identifier : identifier + "/";
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("resource", identifier);
		if (auth.issuerUri() != null) {
			claims.put("authorization_servers", List.of(auth.issuerUri().toString()));
		}
		// app tokens: the client credentials flow asks for .default and gets the app
		// roles; delegated tokens: the scope itself
		claims.put("scopes_supported", List.of(prefix + ".default", prefix + auth.requiredRole()));
		claims.put("bearer_methods_supported", List.of("header"));
		claims.put("resource_name", "callrecords-proxy");
		this.metadata = claims;
	}

	/**
	 * The resource identifier RFC 9728 allows: an {@code https} URL without query or
	 * fragment.
	 */
	static @Nullable URI resource(@Nullable String audience) {
		if (audience == null) {
			return null;
		}
		try {
			URI uri = new URI(audience);
			boolean https = "https".equals((uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null);
			return (https && uri.getRawAuthority() != null && uri.getRawQuery() == null && uri.getRawFragment() == null)
					? uri : null;
		}
		catch (Exception ex) {
			return null;
		}
	}

	/**
	 * Where the metadata is, for bearer challenges.
	 * @return its URL, or {@code null} when the service publishes none
	 */
	@Nullable String url() {
		return this.url;
	}

	/**
	 * Rewrites a bearer challenge so that it points to this metadata, or to none.
	 * @param challenge the challenge Spring Security wrote
	 * @return the challenge
	 */
	String challenge(String challenge) {
		String without = RESOURCE_METADATA.matcher(challenge).replaceAll("");
		if (this.url == null) {
			return without;
		}
		return without + (without.trim().equals("Bearer") ? " " : ", ") + "resource_metadata=\"" + this.url + "\"";
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String uri = request.getRequestURI();
		return !uri.equals(WELL_KNOWN) && !uri.startsWith(WELL_KNOWN + "/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.metadata == null || !request.getRequestURI().equals(this.path)) {
			this.problems.write(request, response, ProblemCode.NOT_FOUND,
					"The service publishes no protected resource metadata here: its audience (PROXY_AUTH_AUDIENCE) "
							+ "is not an https URL, which RFC 9728 needs, or names another path.");
			return;
		}
		if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
			response.setHeader(HttpHeaders.ALLOW, "GET, HEAD");
			this.problems.write(request, response, ProblemCode.METHOD_NOT_ALLOWED,
					"The protected resource metadata is read with GET.");
			return;
		}
		response.setStatus(200);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "max-age=3600");
		this.json.writeValue(response.getOutputStream(), this.metadata);
	}

}
