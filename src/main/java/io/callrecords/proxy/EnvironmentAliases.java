package io.callrecords.proxy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The service's environment variables ({@code AZURE_TENANT_ID}, {@code GRAPH_*},
 * {@code PROXY_*}, ...) and the properties each one sets: the one place that maps them.
 * Registered in {@code META-INF/spring.factories}, it adds a property source right after
 * the system environment that answers a property with the value of its variable.
 * <p>
 * The defaults live elsewhere, once: in the {@code @DefaultValue} of the
 * {@code @ConfigurationProperties} records for {@code callrecords.*}, and in
 * {@code application.yaml} for the Resilience4j and Spring properties. A variable that is
 * not set gives nothing, so that default applies; a variable set to an empty string gives
 * the empty string, as the {@code ${VARIABLE:}} placeholders of earlier versions did. The
 * variable is looked up in every property source when the property is read, not only in
 * the operating system's environment, so that tests and
 * {@code SpringApplication#setDefaultProperties} may set it too. A property set under its
 * own name in a source ahead of the system environment (command line, system property,
 * test property) still wins over its variable.
 */
class EnvironmentAliases implements EnvironmentPostProcessor {

	/**
	 * The name of the property source that answers the properties from their variables.
	 */
	static final String PROPERTY_SOURCE_NAME = "callrecords-environment-aliases";

	private static final Map<String, List<String>> ALIASES = createAliases();

	private static Map<String, List<String>> createAliases() {
		Map<String, List<String>> aliases = new LinkedHashMap<>();
		aliases.put("AZURE_TENANT_ID", List.of("callrecords.graph.tenant-id"));
		aliases.put("AZURE_CLIENT_ID", List.of("callrecords.graph.client-id"));
		aliases.put("AZURE_CLIENT_SECRET", List.of("callrecords.graph.client-secret"));
		aliases.put("AZURE_CLIENT_CERTIFICATE_PATH", List.of("callrecords.graph.client-certificate-path"));
		aliases.put("AZURE_FEDERATED_TOKEN_FILE", List.of("callrecords.graph.federated-token-file"));
		aliases.put("AZURE_AUTHORITY_HOST", List.of("callrecords.graph.authority-host"));
		aliases.put("GRAPH_BASE_URL", List.of("callrecords.graph.base-url"));
		aliases.put("GRAPH_SCOPE", List.of("callrecords.graph.scope"));
		aliases.put("GRAPH_CONNECT_TIMEOUT", List.of("callrecords.graph.connect-timeout"));
		aliases.put("GRAPH_RESPONSE_TIMEOUT", List.of("callrecords.graph.response-timeout"));
		aliases.put("GRAPH_MAX_RESPONSE_SIZE", List.of("callrecords.graph.max-response-size"));
		aliases.put("GRAPH_RETRY_MAX_ATTEMPTS", List.of("callrecords.graph.resilience.max-attempts"));
		aliases.put("GRAPH_RETRY_INITIAL_BACKOFF", List.of("callrecords.graph.resilience.initial-backoff"));
		aliases.put("GRAPH_RETRY_MAX_BACKOFF", List.of("callrecords.graph.resilience.max-backoff"));
		aliases.put("GRAPH_REQUEST_TIMEOUT", List.of("callrecords.graph.resilience.request-timeout"));
		aliases.put("GRAPH_APP_THROTTLE_SCOPES", List.of("callrecords.graph.resilience.app-throttle-scopes"));
		aliases.put("GRAPH_FAIR_SHARE_ENABLED", List.of("callrecords.graph.fair-share.enabled"));
		aliases.put("GRAPH_FAIR_SHARE_WEIGHTS", List.of("callrecords.graph.fair-share.weights"));
		aliases.put("GRAPH_BUDGET_RECORD", List.of("resilience4j.ratelimiter.configs.graph-record.limit-for-period"));
		aliases.put("GRAPH_BUDGET_LIST", List.of("resilience4j.ratelimiter.configs.graph-list.limit-for-period"));
		aliases.put("GRAPH_BUDGET_APP", List.of("resilience4j.ratelimiter.configs.graph-app.limit-for-period"));
		aliases.put("GRAPH_BUDGET_CALL_LOG_APP",
				List.of("resilience4j.ratelimiter.configs.graph-call-log-app.limit-for-period"));
		aliases.put("GRAPH_BUDGET_CALL_LOG",
				List.of("resilience4j.ratelimiter.configs.graph-call-log.limit-for-period"));
		aliases.put("GRAPH_BUDGET_CALL_LOG_PERIOD",
				List.of("resilience4j.ratelimiter.configs.graph-call-log-app.limit-refresh-period",
						"resilience4j.ratelimiter.configs.graph-call-log.limit-refresh-period"));
		aliases.put("GRAPH_BUDGET_PERIOD",
				List.of("resilience4j.ratelimiter.configs.graph-record.limit-refresh-period",
						"resilience4j.ratelimiter.configs.graph-list.limit-refresh-period",
						"resilience4j.ratelimiter.configs.graph-app.limit-refresh-period"));
		aliases.put("GRAPH_BUDGET_MAX_WAIT",
				List.of("resilience4j.ratelimiter.configs.graph-record.timeout-duration",
						"resilience4j.ratelimiter.configs.graph-list.timeout-duration",
						"resilience4j.ratelimiter.configs.graph-app.timeout-duration",
						"resilience4j.ratelimiter.configs.graph-call-log-app.timeout-duration",
						"resilience4j.ratelimiter.configs.graph-call-log.timeout-duration"));
		aliases.put("GRAPH_MAX_CONCURRENT_CALLS",
				List.of("resilience4j.bulkhead.instances.graph.max-concurrent-calls"));
		aliases.put("GRAPH_CIRCUIT_FAILURE_RATE",
				List.of("resilience4j.circuitbreaker.instances.graph.failure-rate-threshold"));
		aliases.put("GRAPH_CIRCUIT_MIN_CALLS",
				List.of("resilience4j.circuitbreaker.instances.graph.minimum-number-of-calls"));
		aliases.put("GRAPH_CIRCUIT_OPEN_DURATION",
				List.of("resilience4j.circuitbreaker.instances.graph.wait-duration-in-open-state"));
		aliases.put("PROXY_AUTH_ENABLED", List.of("callrecords.auth.enabled"));
		aliases.put("PROXY_AUTH_ISSUER_URI", List.of("callrecords.auth.issuer-uri"));
		aliases.put("PROXY_AUTH_JWK_SET_URI", List.of("callrecords.auth.jwk-set-uri"));
		aliases.put("PROXY_AUTH_AUDIENCE", List.of("callrecords.auth.audience"));
		aliases.put("PROXY_AUTH_REQUIRED_ROLE", List.of("callrecords.auth.required-role"));
		aliases.put("PROXY_CALLER_QUOTA", List.of("callrecords.auth.caller-quota"));
		aliases.put("PROXY_CALLER_QUOTA_PERIOD", List.of("callrecords.auth.caller-quota-period"));
		aliases.put("PROXY_CORS_ALLOWED_ORIGINS", List.of("callrecords.auth.cors-allowed-origins"));
		aliases.put("PROXY_CACHE_ENABLED", List.of("callrecords.cache.enabled"));
		aliases.put("PROXY_CACHE_TTL", List.of("callrecords.cache.ttl"));
		aliases.put("PROXY_CACHE_SETTLED_AFTER", List.of("callrecords.cache.settled-after"));
		aliases.put("PROXY_CACHE_SETTLED_TTL", List.of("callrecords.cache.settled-ttl"));
		aliases.put("PROXY_CACHE_MAX_ENTRIES", List.of("callrecords.cache.max-entries"));
		aliases.put("PROXY_CACHE_FAILURE_TTL", List.of("callrecords.cache.failure-ttl"));
		aliases.put("PROXY_CACHE_FAILURE_MAX_TTL", List.of("callrecords.cache.failure-max-ttl"));
		aliases.put("PROXY_CLUSTER_REPLICAS", List.of("callrecords.cluster.replicas"));
		aliases.put("PROXY_CLUSTER_CACHE_KEY", List.of("callrecords.cluster.cache-key"));
		aliases.put("PROXY_CLUSTER_KEY_PREFIX", List.of("callrecords.cluster.key-prefix"));
		aliases.put("PROXY_CLUSTER_REDIS_TIMEOUT", List.of("callrecords.cluster.redis-timeout"));
		aliases.put("PROXY_CLUSTER_PROBE_INTERVAL", List.of("callrecords.cluster.probe-interval"));
		aliases.put("PROXY_CLUSTER_LEASE", List.of("callrecords.cluster.lease"));
		aliases.put("PROXY_CLUSTER_MAX_SHARED_ENTRY_SIZE", List.of("callrecords.cluster.max-shared-entry-size"));
		aliases.put("PROXY_CURSOR_KEY", List.of("callrecords.api.cursor-key"));
		aliases.put("PROXY_MAX_EXPANDED_ITEMS", List.of("callrecords.api.max-expanded-items"));
		aliases.put("PROXY_MASK_PHONE_NUMBERS", List.of("callrecords.api.mask-phone-numbers"));
		aliases.put("PROXY_SERVER_WRITE_BUFFER", List.of("callrecords.server.write-buffer"));
		aliases.put("PROXY_QUALITY_AUDIO_MIN_PACKETS", List.of("callrecords.quality.audio-min-packets"));
		aliases.put("PROXY_QUALITY_AUDIO_ROUND_TRIP_MS", List.of("callrecords.quality.audio-round-trip-ms"));
		aliases.put("PROXY_QUALITY_AUDIO_PACKET_LOSS_RATE", List.of("callrecords.quality.audio-packet-loss-rate"));
		aliases.put("PROXY_QUALITY_AUDIO_JITTER_MS", List.of("callrecords.quality.audio-jitter-ms"));
		aliases.put("PROXY_QUALITY_AUDIO_LEGACY_METRICS", List.of("callrecords.quality.audio-legacy-metrics"));
		aliases.put("PROXY_QUALITY_AUDIO_DEGRADATION", List.of("callrecords.quality.audio-degradation"));
		aliases.put("PROXY_QUALITY_AUDIO_CONCEALED_RATIO", List.of("callrecords.quality.audio-concealed-ratio"));
		aliases.put("PROXY_QUALITY_VIDEO_FRAME_LOSS_PERCENT", List.of("callrecords.quality.video-frame-loss-percent"));
		aliases.put("PROXY_QUALITY_VIDEO_FRAME_RATE", List.of("callrecords.quality.video-frame-rate"));
		aliases.put("PROXY_QUALITY_VIDEO_POST_FEC_LOSS_RATE", List.of("callrecords.quality.video-post-fec-loss-rate"));
		aliases.put("PROXY_QUALITY_SCREEN_SHARING_FRAME_RATE",
				List.of("callrecords.quality.screen-sharing-frame-rate"));
		aliases.put("SHUTDOWN_TIMEOUT", List.of("spring.lifecycle.timeout-per-shutdown-phase"));
		aliases.put("TRACING_SAMPLING_PROBABILITY", List.of("management.tracing.sampling.probability"));
		return Collections.unmodifiableMap(aliases);
	}

	/**
	 * The environment variables and the properties each one sets.
	 * @return each variable and the properties it sets
	 */
	static Map<String, List<String>> aliases() {
		return ALIASES;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		MutablePropertySources sources = environment.getPropertySources();
		AliasPropertySource aliases = new AliasPropertySource(environment);
		if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
			sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, aliases);
		}
		else {
			sources.addLast(aliases);
		}
	}

	/**
	 * Answers a property with its variable's value, read from the environment's other
	 * property sources at the time of the call: {@code @DynamicPropertySource} values,
	 * for one, are added after the post-processors ran.
	 */
	static final class AliasPropertySource extends PropertySource<Map<String, String>> implements OriginLookup<String> {

		private final ConfigurableEnvironment environment;

		AliasPropertySource(ConfigurableEnvironment environment) {
			super(PROPERTY_SOURCE_NAME, variablesByProperty());
			this.environment = environment;
		}

		private static Map<String, String> variablesByProperty() {
			Map<String, String> variables = new LinkedHashMap<>();
			ALIASES.forEach((variable, properties) -> properties.forEach((property) -> {
				String previous = variables.put(property, variable);
				if (previous != null) {
					throw new IllegalStateException(
							"'" + property + "' is set by both " + previous + " and " + variable);
				}
			}));
			return variables;
		}

		@Override
		public @Nullable Object getProperty(String name) {
			String variable = this.source.get(name);
			PropertySource<?> provider = (variable != null) ? sourceOf(variable) : null;
			return (provider != null) ? provider.getProperty(variable) : null;
		}

		@Override
		public @Nullable Origin getOrigin(String name) {
			String variable = this.source.get(name);
			PropertySource<?> provider = (variable != null) ? sourceOf(variable) : null;
			return (provider != null) ? OriginLookup.getOrigin(provider, variable) : null;
		}

		private @Nullable PropertySource<?> sourceOf(String variable) {
			for (PropertySource<?> candidate : this.environment.getPropertySources()) {
				if (candidate != this && !ConfigurationPropertySources.isAttachedConfigurationPropertySource(candidate)
						&& candidate.getProperty(variable) != null) {
					return candidate;
				}
			}
			return null;
		}

	}

}
