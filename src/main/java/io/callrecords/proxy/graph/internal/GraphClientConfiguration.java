package io.callrecords.proxy.graph.internal;

import java.time.Clock;

import io.callrecords.proxy.graph.GraphClient;
import io.callrecords.proxy.graph.GraphProperties;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Wires the Graph client: one reactive HTTP client with timeouts for Graph and Entra ID,
 * and Spring Security's client-credentials flow for the {@code graph} registration.
 */
@Configuration(proxyBeanMethods = false)
class GraphClientConfiguration {

	@Bean
	GraphClient graphClient(GraphProperties properties, WebClient.Builder webClientBuilder, ObjectProvider<Clock> clock,
			ObjectMapper objectMapper) {
		return create(properties, webClientBuilder, objectMapper, clock.getIfAvailable(Clock::systemUTC));
	}

	static WebClientGraphClient create(GraphProperties properties, WebClient.Builder webClientBuilder,
			ObjectMapper objectMapper, Clock clock) {
		WebClient webClient = webClient(properties, webClientBuilder);
		GraphTokenSource tokens = tokenSource(properties, webClient);
		return new WebClientGraphClient(webClient, tokens, properties.baseUrl(), objectMapper, clock);
	}

	private static WebClient webClient(GraphProperties properties, WebClient.Builder builder) {
		HttpClient httpClient = HttpClient.create()
			.proxyWithSystemProperties()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(properties.connectTimeout().toMillis()))
			.responseTimeout(properties.responseTimeout());
		int maxInMemorySize = Math.toIntExact(properties.maxResponseSize().toBytes());
		return builder.clone()
			.clientConnector(new ReactorClientHttpConnector(httpClient))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(maxInMemorySize))
			.build();
	}

	private static GraphTokenSource tokenSource(GraphProperties properties, WebClient webClient) {
		ClientRegistration registration = ClientRegistration.withRegistrationId(GraphTokenSource.REGISTRATION_ID)
			.clientId(properties.clientId())
			.clientSecret((properties.clientSecret() != null) ? properties.clientSecret().value() : "")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope(properties.effectiveScope())
			.tokenUri(properties.tokenUri().toString())
			.build();
		InMemoryReactiveClientRegistrationRepository registrations = new InMemoryReactiveClientRegistrationRepository(
				registration);
		InMemoryReactiveOAuth2AuthorizedClientService authorizedClients = new InMemoryReactiveOAuth2AuthorizedClientService(
				registrations);
		WebClientReactiveClientCredentialsTokenResponseClient tokenClient = new WebClientReactiveClientCredentialsTokenResponseClient();
		tokenClient.setWebClient(webClient);
		AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(
				registrations, authorizedClients);
		manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
			.clientCredentials((credentials) -> credentials.accessTokenResponseClient(tokenClient))
			.build());
		return new GraphTokenSource(manager, authorizedClients);
	}

}
