package io.callrecords.proxy.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.http.FormParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.jspecify.annotations.Nullable;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * Entra ID's client-credentials token endpoint: checks the grant type, the client's id
 * and secret and the scope, answers like Entra ID (including its error bodies), and
 * remembers the tokens it issued so that the Graph side can accept only those.
 */
final class TokenIssuer extends NamedTransformer {

	static final String NAME = "entra-token";

	private final String clientId;

	private final String clientSecret;

	private final Supplier<String> scope;

	private final Duration lifetime;

	private final Clock clock;

	private final Map<String, Instant> issued = new ConcurrentHashMap<>();

	private final AtomicInteger issuedCount = new AtomicInteger();

	private final GraphFaults faults;

	private final CallerTokens callers;

	private final ClientAssertionVerifier assertions;

	TokenIssuer(String clientId, String clientSecret, Supplier<String> scope, Duration lifetime, Clock clock,
			GraphFaults faults, CallerTokens callers, ClientAssertionVerifier assertions) {
		super(NAME);
		this.faults = faults;
		this.callers = callers;
		this.assertions = assertions;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.scope = scope;
		this.lifetime = lifetime;
		this.clock = clock;
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		ResponseDefinition fault = this.faults.token();
		if (fault != null) {
			return fault;
		}
		Request request = serveEvent.getRequest();
		Map<String, FormParameter> form = request.formParameters();
		if (!"client_credentials".equals(value(form, "grant_type"))) {
			return error(400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.");
		}
		String clientId = value(form, "client_id");
		if (CallerTokens.LOCAL_CALLER_ID.equals(clientId) || (clientId != null && !this.clientId.equals(clientId)
				&& CallerTokens.LOCAL_CALLER_SECRET.equals(value(form, "client_secret")))) {
			// the local run's caller app, or any other app of the local run's (benchmarks
			// with several calling apps) that presents its secret
			return callerToken(form, clientId);
		}
		if (!this.clientId.equals(value(form, "client_id"))) {
			return error(400, "unauthorized_client", "AADSTS700016: Application not found in the directory.");
		}
		if (value(form, "client_assertion_type") != null) {
			String refusal = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
				.equals(value(form, "client_assertion_type")) ? this.assertions.refusal(value(form, "client_assertion"))
						: "unsupported client_assertion_type";
			if (refusal != null || value(form, "client_secret") != null) {
				return error(401, "invalid_client",
						"AADSTS700027: Client assertion failed signature validation: " + refusal);
			}
		}
		else if (!this.clientSecret.equals(value(form, "client_secret"))) {
			return error(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
		}
		if (!this.scope.get().equals(value(form, "scope"))) {
			return error(400, "invalid_scope", "AADSTS1002012: The provided value for scope is not valid.");
		}
		String token = "sim-" + UUID.randomUUID();
		this.issued.put(token, this.clock.instant().plus(this.lifetime));
		this.issuedCount.incrementAndGet();
		long seconds = this.lifetime.toSeconds();
		return responseDefinition().withStatus(200)
			.withHeader("Content-Type", "application/json; charset=utf-8")
			.withBody("{\"token_type\":\"Bearer\",\"expires_in\":" + seconds + ",\"ext_expires_in\":" + seconds
					+ ",\"access_token\":\"" + token + "\"}")
			.build();
	}

	/** A token for the local run's caller app, to call the service with. */
	private ResponseDefinition callerToken(Map<String, FormParameter> form, String callerId) {
		if (!CallerTokens.LOCAL_CALLER_SECRET.equals(value(form, "client_secret"))) {
			return error(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
		}
		if (!(CallerTokens.AUDIENCE + "/.default").equals(value(form, "scope"))) {
			return error(400, "invalid_scope", "AADSTS1002012: The provided value for scope is not valid.");
		}
		String token = this.callers.issue(callerId);
		return responseDefinition().withStatus(200)
			.withHeader("Content-Type", "application/json; charset=utf-8")
			.withBody("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"" + token + "\"}")
			.build();
	}

	boolean isValid(@Nullable String token) {
		Instant expiry = (token != null) ? this.issued.get(token) : null;
		return expiry != null && this.clock.instant().isBefore(expiry);
	}

	void revokeAll() {
		this.issued.clear();
	}

	int issuedCount() {
		return this.issuedCount.get();
	}

	private static @Nullable String value(Map<String, FormParameter> form, String name) {
		FormParameter parameter = form.get(name);
		return (parameter != null && parameter.isPresent()) ? parameter.firstValue() : null;
	}

	static ResponseDefinition error(int status, String error, String description) {
		String body = "{\"error\":\"" + error + "\",\"error_description\":\"" + description
				+ "\",\"error_codes\":[7000215],\"timestamp\":\"2026-01-01 00:00:00Z\",\"trace_id\":\""
				+ UUID.randomUUID() + "\",\"correlation_id\":\"" + UUID.randomUUID() + "\"}";
		return responseDefinition().withStatus(status)
			.withHeader("Content-Type", "application/json; charset=utf-8")
			.withBody(body)
			.build();
	}

}
