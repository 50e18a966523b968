package io.callrecords.proxy.graph.internal;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;

/**
 * The service's app-only Graph token. Acquisition, caching and refresh before expiry are
 * done by Spring Security's authorized client manager; this class only names the
 * registration and the service's own principal, and forgets the cached token when Graph
 * rejects it.
 */
class GraphTokenSource {

	static final String REGISTRATION_ID = "graph";

	static final String PRINCIPAL = "callrecords-proxy";

	private final ReactiveOAuth2AuthorizedClientManager manager;

	private final ReactiveOAuth2AuthorizedClientService authorizedClients;

	private final OAuth2AuthorizeRequest authorizeRequest = OAuth2AuthorizeRequest
		.withClientRegistrationId(REGISTRATION_ID)
		.principal(PRINCIPAL)
		.build();

	GraphTokenSource(ReactiveOAuth2AuthorizedClientManager manager,
			ReactiveOAuth2AuthorizedClientService authorizedClients) {
		this.manager = manager;
		this.authorizedClients = authorizedClients;
	}

	Mono<String> accessToken() {
		return this.manager.authorize(this.authorizeRequest).map((client) -> client.getAccessToken().getTokenValue());
	}

	Mono<Void> invalidate() {
		return this.authorizedClients.removeAuthorizedClient(REGISTRATION_ID, PRINCIPAL);
	}

}
