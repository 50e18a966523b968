package io.callrecords.proxy.graph.internal;

import java.time.Clock;
import java.time.Duration;

import io.callrecords.proxy.cluster.RedisLink;
import io.callrecords.proxy.cluster.SharedTimers;
import io.callrecords.proxy.graph.GraphClient;
import io.callrecords.proxy.graph.GraphFairShareProperties;
import io.callrecords.proxy.graph.GraphProperties;
import io.callrecords.proxy.graph.GraphResilienceProperties;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.util.retry.Retry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * Wires the Graph client: one reactive HTTP client with timeouts for Graph and Entra ID,
 * Spring Security's client-credentials flow for the {@code graph} registration, and the
 * Resilience4j instances named {@code graph*} in {@code application.yaml}.
 */
@Configuration(proxyBeanMethods = false)
class GraphClientConfiguration {

	static final String CIRCUIT_BREAKER = "graph";

	static final String BULKHEAD = "graph";

	static final String APP_BUDGET = "graph-app";

	static final String LIST_BUDGET = "graph-list";

	static final String RECORD_BUDGET = "graph-record";

	static final String CALL_LOG_APP_BUDGET = "graph-call-log-app";

	static final String CALL_LOG_BUDGET = "graph-call-log";

	/** The key of Spring Security's hook in SecurityReactorContextConfiguration. */
	static final String SECURITY_REACTOR_CONTEXT_HOOK = "org.springframework.security.SECURITY_REACTOR_CONTEXT_OPERATOR";

	/**
	 * Removes the Reactor hook Spring Security installs because OAuth2 client and
	 * WebClient are both present: it copies the servlet request, response and caller's
	 * authentication into the context of every reactive chain, for an exchange filter
	 * this service does not use (its Graph token is the app's own). Without it no caller
	 * identity rides along Graph calls, and no Reactor operator pays for the copy (about
	 * 2 % of a request's CPU in the profile, see docs/benchmarks.md).
	 * @return the callback that removes the hook once every singleton is created
	 */
	@Bean
	static SmartInitializingSingleton securityReactorContextHookRemoval() {
		return () -> Hooks.resetOnLastOperator(SECURITY_REACTOR_CONTEXT_HOOK);
	}

	@Bean
	GraphClient graphClient(GraphProperties properties, GraphResilienceProperties resilience,
			GraphFairShareProperties fairShare, WebClient.Builder webClientBuilder, ObjectProvider<Clock> clock,
			CircuitBreakerRegistry circuitBreakers, BulkheadRegistry bulkheads, RateLimiterRegistry rateLimiters,
			MeterRegistry meterRegistry, ObjectProvider<BuildProperties> build, RedisLink link, SharedTimers timers) {
		Resilience instances = new Resilience(circuitBreakers.circuitBreaker(CIRCUIT_BREAKER),
				bulkheads.bulkhead(BULKHEAD), limit(rateLimiters, APP_BUDGET), limit(rateLimiters, LIST_BUDGET),
				limit(rateLimiters, RECORD_BUDGET), limit(rateLimiters, CALL_LOG_APP_BUDGET),
				limit(rateLimiters, CALL_LOG_BUDGET),
				new GraphBudgets.Shares(fairShare.enabled(), fairShare.weightsByCaller()), meterRegistry, link, timers);
		BuildProperties info = build.getIfAvailable();
		return create(properties, resilience, instances, webClientBuilder, clock.getIfAvailable(Clock::systemUTC),
				userAgent((info != null) ? info.getVersion() : null));
	}

	/**
	 * The {@code User-Agent} of the service's calls to Graph and Entra ID: its name and
	 * version, as Graph's guidance asks of clients so that Microsoft can tell them apart.
	 * @param version the service's version, when the build recorded it
	 * @return the header's value
	 */
	static String userAgent(@Nullable String version) {
		return "callrecords-proxy/" + ((version != null && !version.isBlank()) ? version : "unknown");
	}

	static WebClientGraphClient create(GraphProperties properties, GraphResilienceProperties resilience,
			Resilience instances, WebClient.Builder webClientBuilder, Clock clock, String userAgent) {
		GraphMetrics metrics = new GraphMetrics(instances.meters());
		WebClient webClient = webClient(properties, webClientBuilder, userAgent);
		GraphTokenSource tokens = tokenSource(properties, webClient.mutate().filter(tokenRetries(metrics)).build());
		GraphCallPolicy policy = new GraphCallPolicy(resilience,
				new ThrottleGate(clock, resilience.appThrottleScopes(), instances.timers()),
				new GraphBudgets(instances.appBudget(), instances.listBudget(), instances.recordBudget(),
						instances.callLogAppBudget(), instances.callLogBudget(), instances.shares(), metrics, clock,
						instances.link()),
				instances.circuitBreaker(), instances.bulkhead(), metrics, clock);
		return new WebClientGraphClient(webClient, tokens, new GraphUris(properties.baseUrl()), new GraphJson(), clock,
				policy, resilience.requestTimeout(), Math.toIntExact(properties.maxResponseSize().toBytes()));
	}

	private static WebClient webClient(GraphProperties properties, WebClient.Builder builder, String userAgent) {
		HttpClient httpClient = HttpClient.create()
			.proxyWithSystemProperties()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(properties.connectTimeout().toMillis()))
			.responseTimeout(properties.responseTimeout());
		int maxInMemorySize = Math.toIntExact(properties.maxResponseSize().toBytes());
		return builder.clone()
			.defaultHeader(HttpHeaders.USER_AGENT, userAgent)
			.observationConvention(new GraphObservationConvention())
			.clientConnector(new ReactorClientHttpConnector(httpClient))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(maxInMemorySize))
			.build();
	}

	/**
	 * Retries the token endpoint's transient failures (5xx, connection failures) twice
	 * with a short backoff; never its refusals ({@code invalid_client} and other 4xx),
	 * which no retry fixes. Counts every token request by outcome.
	 */
	private static ExchangeFilterFunction tokenRetries(GraphMetrics metrics) {
		return (request, next) -> next.exchange(request).flatMap((response) -> {
			metrics.token(response.statusCode().is2xxSuccessful() ? "success"
					: response.statusCode().is5xxServerError() ? "unavailable" : "rejected");
			if (response.statusCode().is5xxServerError()) {
				return response.releaseBody().then(Mono.error(new TokenEndpointUnavailable()));
			}
			return Mono.just(response);
		})
			.doOnError(WebClientRequestException.class, (ex) -> metrics.token("unreachable"))
			.retryWhen(Retry.backoff(2, Duration.ofMillis(200))
				.filter((ex) -> ex instanceof TokenEndpointUnavailable || ex instanceof WebClientRequestException));
	}

	private static GraphTokenSource tokenSource(GraphProperties properties, WebClient webClient) {
		boolean secret = properties.clientCertificatePath() == null && properties.federatedTokenFile() == null;
		ClientRegistration registration = ClientRegistration.withRegistrationId(GraphTokenSource.REGISTRATION_ID)
			.clientId(properties.clientId())
			.clientSecret((secret && properties.clientSecret() != null) ? properties.clientSecret().value() : "")
			.clientAuthenticationMethod(
					secret ? ClientAuthenticationMethod.CLIENT_SECRET_POST : ClientAuthenticationMethod.PRIVATE_KEY_JWT)
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
		if (properties.clientCertificatePath() != null) {
			tokenClient.addParametersConverter(ClientAssertions.certificate(properties.clientCertificatePath()));
		}
		else if (properties.federatedTokenFile() != null) {
			tokenClient.addParametersConverter(ClientAssertions.federated(properties.federatedTokenFile()));
		}
		AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(
				registrations, authorizedClients);
		manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
			.clientCredentials((credentials) -> credentials.accessTokenResponseClient(tokenClient))
			.build());
		return new GraphTokenSource(manager, authorizedClients);
	}

	/**
	 * The Resilience4j instances and meter registry the Graph client uses.
	 *
	 * @param circuitBreaker opens on sustained 5xx and timeouts
	 * @param bulkhead bounds concurrent Graph calls
	 * @param appBudget the app's share of Graph's per-app budget
	 * @param listBudget the budget of the list endpoint
	 * @param recordBudget each call record's budget
	 * @param callLogAppBudget the app's share of Graph's PSTN per-app budget, for both
	 * call logs
	 * @param callLogBudget the budget of each call log (PSTN, Direct Routing)
	 * @param shares how calling apps share the budgets
	 * @param meters where the client's meters go
	 * @param link the link to Redis, for the budgets in cluster mode
	 * @param timers the throttle gate's timers in cluster mode
	 */
	record Resilience(CircuitBreaker circuitBreaker, Bulkhead bulkhead, GraphBudgets.Limit appBudget,
			GraphBudgets.Limit listBudget, GraphBudgets.Limit recordBudget, GraphBudgets.Limit callLogAppBudget,
			GraphBudgets.Limit callLogBudget, GraphBudgets.Shares shares, MeterRegistry meters, RedisLink link,
			SharedTimers timers) {
	}

	/**
	 * A budget as configured under {@code resilience4j.ratelimiter.configs}: Spring Boot
	 * binds and validates it there, and the budgets are Bucket4j buckets with these
	 * figures.
	 */
	static GraphBudgets.Limit limit(RateLimiterRegistry rateLimiters, String name) {
		RateLimiterConfig config = rateLimiters.getConfiguration(name)
			.orElseThrow(() -> new IllegalStateException(
					"resilience4j.ratelimiter.configs." + name + " must be configured"));
		return new GraphBudgets.Limit(config.getLimitForPeriod(), config.getLimitRefreshPeriod(),
				config.getTimeoutDuration());
	}

	/** The token endpoint answered 5xx. */
	private static final class TokenEndpointUnavailable extends RuntimeException {

		TokenEndpointUnavailable() {
			super("The token endpoint answered 5xx", null, false, false);
		}

	}

}
