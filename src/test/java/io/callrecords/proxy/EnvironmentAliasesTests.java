package io.callrecords.proxy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callrecords.proxy.callrecords.ApiProperties;
import io.callrecords.proxy.callrecords.CacheProperties;
import io.callrecords.proxy.graph.GraphFairShareProperties;
import io.callrecords.proxy.graph.GraphProperties;
import io.callrecords.proxy.graph.GraphProperties.Secret;
import io.callrecords.proxy.graph.GraphResilienceProperties;
import io.callrecords.proxy.quality.QualityProperties;
import io.callrecords.proxy.web.InboundAuthProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The environment variables of README's configuration tables set their properties, and
 * only when they are set.
 */
class EnvironmentAliasesTests {

	@Test
	void everyVariableSetsEachOfItsProperties() {
		Map<String, Object> variables = new HashMap<>();
		EnvironmentAliases.aliases().keySet().forEach((variable) -> variables.put(variable, "value of " + variable));
		ConfigurableEnvironment environment = environment(variables);
		EnvironmentAliases.aliases()
			.forEach((variable, properties) -> assertThat(properties)
				.allSatisfy((property) -> assertThat(environment.getProperty(property)).as(property)
					.isEqualTo("value of " + variable)));
	}

	@Test
	void noPropertyIsSetByTwoVariables() {
		assertThat(EnvironmentAliases.aliases().values().stream().flatMap(List::stream)).doesNotHaveDuplicates();
	}

	@Test
	void variablesBindIntoTheRecords() {
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("AZURE_TENANT_ID", "contoso.example");
		variables.put("AZURE_CLIENT_ID", "3f0d9c63-5a0e-4bf4-8f0e-000000c0ffee");
		variables.put("AZURE_CLIENT_SECRET", "s3cr3t");
		variables.put("AZURE_CLIENT_CERTIFICATE_PATH", "/certs/app.pem");
		variables.put("AZURE_FEDERATED_TOKEN_FILE", "/var/run/token");
		variables.put("AZURE_AUTHORITY_HOST", "https://login.microsoftonline.us");
		variables.put("GRAPH_BASE_URL", "https://graph.microsoft.us/v1.0");
		variables.put("GRAPH_SCOPE", "https://graph.microsoft.us/.default");
		variables.put("GRAPH_CONNECT_TIMEOUT", "2s");
		variables.put("GRAPH_RESPONSE_TIMEOUT", "10s");
		variables.put("GRAPH_MAX_RESPONSE_SIZE", "8MB");
		variables.put("GRAPH_RETRY_MAX_ATTEMPTS", "2");
		variables.put("GRAPH_RETRY_INITIAL_BACKOFF", "250ms");
		variables.put("GRAPH_RETRY_MAX_BACKOFF", "4s");
		variables.put("GRAPH_REQUEST_TIMEOUT", "7s");
		variables.put("GRAPH_APP_THROTTLE_SCOPES", "5");
		variables.put("PROXY_AUTH_ENABLED", "false");
		variables.put("PROXY_AUTH_ISSUER_URI", "https://issuer.example/v2.0");
		variables.put("PROXY_AUTH_JWK_SET_URI", "https://issuer.example/keys");
		variables.put("PROXY_AUTH_AUDIENCE", "api://callrecords-proxy");
		variables.put("PROXY_AUTH_REQUIRED_ROLE", "Records.Read");
		variables.put("PROXY_CALLER_QUOTA", "60");
		variables.put("PROXY_CALLER_QUOTA_PERIOD", "10s");
		variables.put("PROXY_CORS_ALLOWED_ORIGINS", "https://a.example,https://b.example");
		variables.put("PROXY_CACHE_ENABLED", "false");
		variables.put("PROXY_CACHE_TTL", "30s");
		variables.put("PROXY_CACHE_SETTLED_AFTER", "12h");
		variables.put("PROXY_CACHE_SETTLED_TTL", "2h");
		variables.put("PROXY_CACHE_MAX_ENTRIES", "100");
		variables.put("PROXY_CACHE_FAILURE_TTL", "5s");
		variables.put("PROXY_CACHE_FAILURE_MAX_TTL", "1m");
		variables.put("GRAPH_FAIR_SHARE_ENABLED", "false");
		variables.put("GRAPH_FAIR_SHARE_WEIGHTS", "app-a=3, app-b=2");
		variables.put("PROXY_CURSOR_KEY", "0123456789abcdef0123456789abcdef");
		variables.put("PROXY_MAX_EXPANDED_ITEMS", "50");
		variables.put("PROXY_MASK_PHONE_NUMBERS", "true");
		variables.put("PROXY_QUALITY_AUDIO_MIN_PACKETS", "100");
		variables.put("PROXY_QUALITY_AUDIO_ROUND_TRIP_MS", "250");
		variables.put("PROXY_QUALITY_AUDIO_PACKET_LOSS_RATE", "0.05");
		variables.put("PROXY_QUALITY_AUDIO_JITTER_MS", "20");
		variables.put("PROXY_QUALITY_AUDIO_LEGACY_METRICS", "true");
		variables.put("PROXY_QUALITY_AUDIO_DEGRADATION", "0.8");
		variables.put("PROXY_QUALITY_AUDIO_CONCEALED_RATIO", "0.05");
		variables.put("PROXY_QUALITY_VIDEO_FRAME_LOSS_PERCENT", "40");
		variables.put("PROXY_QUALITY_VIDEO_FRAME_RATE", "10");
		variables.put("PROXY_QUALITY_VIDEO_POST_FEC_LOSS_RATE", "0.1");
		variables.put("PROXY_QUALITY_SCREEN_SHARING_FRAME_RATE", "3");
		Binder binder = Binder.get(environment(variables));
		assertThat(binder.bindOrCreate("callrecords.graph", GraphProperties.class)).isEqualTo(new GraphProperties(
				"contoso.example", "3f0d9c63-5a0e-4bf4-8f0e-000000c0ffee", new Secret("s3cr3t"),
				Path.of("/certs/app.pem"), Path.of("/var/run/token"), URI.create("https://login.microsoftonline.us"),
				URI.create("https://graph.microsoft.us/v1.0"), "https://graph.microsoft.us/.default",
				Duration.ofSeconds(2), Duration.ofSeconds(10), DataSize.ofMegabytes(8)));
		assertThat(binder.bindOrCreate("callrecords.graph.resilience", GraphResilienceProperties.class))
			.isEqualTo(new GraphResilienceProperties(2, Duration.ofMillis(250), Duration.ofSeconds(4),
					Duration.ofSeconds(7), 5));
		assertThat(binder.bindOrCreate("callrecords.auth", InboundAuthProperties.class))
			.isEqualTo(new InboundAuthProperties(false, URI.create("https://issuer.example/v2.0"),
					URI.create("https://issuer.example/keys"), "api://callrecords-proxy", "Records.Read", 60,
					Duration.ofSeconds(10), List.of("https://a.example", "https://b.example")));
		assertThat(binder.bindOrCreate("callrecords.cache", CacheProperties.class))
			.isEqualTo(new CacheProperties(false, Duration.ofSeconds(30), Duration.ofHours(12), Duration.ofHours(2),
					100, Duration.ofSeconds(5), Duration.ofMinutes(1)));
		GraphFairShareProperties fairShare = binder.bindOrCreate("callrecords.graph.fair-share",
				GraphFairShareProperties.class);
		assertThat(fairShare.enabled()).isFalse();
		assertThat(fairShare.weightsByCaller()).containsExactly(entry("app-a", 3), entry("app-b", 2));
		assertThat(binder.bindOrCreate("callrecords.api", ApiProperties.class))
			.isEqualTo(new ApiProperties(new Secret("0123456789abcdef0123456789abcdef"), 50, true));
		assertThat(binder.bindOrCreate("callrecords.quality", QualityProperties.class))
			.isEqualTo(new QualityProperties(100, 250, 0.05, 20, true, 0.8, 0.05, 40, 10, 0.1, 3));
	}

	@Test
	void unsetVariablesLeaveTheDefaults() {
		ConfigurableEnvironment environment = environment(Map.of());
		Binder binder = Binder.get(environment);
		assertThat(binder.bindOrCreate("callrecords.graph", GraphProperties.class))
			.isEqualTo(new GraphProperties(null, null, null, null, null,
					URI.create("https://login.microsoftonline.com"), URI.create("https://graph.microsoft.com/v1.0"),
					null, Duration.ofSeconds(5), Duration.ofSeconds(30), DataSize.ofMegabytes(64)));
		assertThat(binder.bindOrCreate("callrecords.graph.resilience", GraphResilienceProperties.class))
			.isEqualTo(new GraphResilienceProperties(4, Duration.ofMillis(500), Duration.ofSeconds(8),
					Duration.ofSeconds(20), 3));
		assertThat(binder.bindOrCreate("callrecords.auth", InboundAuthProperties.class))
			.isEqualTo(new InboundAuthProperties(true, null, null, null, "CallRecords.Read", 600, Duration.ofMinutes(1),
					List.of()));
		assertThat(binder.bindOrCreate("callrecords.cache", CacheProperties.class))
			.isEqualTo(new CacheProperties(true, Duration.ofSeconds(60), Duration.ofHours(24), Duration.ofHours(1),
					5000, Duration.ofSeconds(10), Duration.ofMinutes(2)));
		assertThat(binder.bindOrCreate("callrecords.graph.fair-share", GraphFairShareProperties.class))
			.isEqualTo(new GraphFairShareProperties(true, ""));
		assertThat(binder.bindOrCreate("callrecords.api", ApiProperties.class))
			.isEqualTo(new ApiProperties(null, 5000, false));
		assertThat(binder.bindOrCreate("callrecords.quality", QualityProperties.class))
			.isEqualTo(QualityProperties.defaults());
		assertThat(environment.getProperty("resilience4j.ratelimiter.configs.graph-app.limit-for-period"))
			.isEqualTo("1500");
		assertThat(environment.getProperty("resilience4j.ratelimiter.configs.graph-call-log-app.limit-for-period"))
			.isEqualTo("200");
		assertThat(environment.getProperty("resilience4j.ratelimiter.configs.graph-call-log.limit-for-period"))
			.isEqualTo("50");
		assertThat(environment.getProperty("spring.lifecycle.timeout-per-shutdown-phase")).isEqualTo("20s");
	}

	@Test
	void emptyVariablesCountAsUnset() {
		// a chart renders a setting it leaves alone as an empty string
		new ApplicationContextRunner()
			.withInitializer((context) -> new EnvironmentAliases().postProcessEnvironment(context.getEnvironment(),
					new SpringApplication()))
			.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
					ValidationAutoConfiguration.class))
			.withUserConfiguration(AllProperties.class)
			.withPropertyValues("AZURE_TENANT_ID=contoso.example",
					"AZURE_CLIENT_ID=3f0d9c63-5a0e-4bf4-8f0e-000000c0ffee", "AZURE_CLIENT_SECRET=s3cr3t",
					"AZURE_CLIENT_CERTIFICATE_PATH=", "AZURE_FEDERATED_TOKEN_FILE=", "GRAPH_SCOPE=",
					"GRAPH_REQUEST_TIMEOUT=", "PROXY_AUTH_ISSUER_URI=https://issuer.example/v2.0",
					"PROXY_AUTH_JWK_SET_URI=", "PROXY_AUTH_AUDIENCE=api://callrecords-proxy",
					"PROXY_CORS_ALLOWED_ORIGINS=", "PROXY_CURSOR_KEY=")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				GraphProperties graph = context.getBean(GraphProperties.class);
				assertThat(graph.clientCertificatePath()).isNull();
				assertThat(graph.federatedTokenFile()).isNull();
				assertThat(graph.effectiveScope()).isEqualTo("https://graph.microsoft.com/.default");
				assertThat(context.getBean(GraphResilienceProperties.class).requestTimeout())
					.isEqualTo(Duration.ofSeconds(20));
				InboundAuthProperties auth = context.getBean(InboundAuthProperties.class);
				assertThat(auth.jwkSetUri()).isNull();
				assertThat(auth.corsAllowedOrigins()).isEmpty();
				// Cursors makes a random key for an empty one as for none
				assertThat(context.getBean(ApiProperties.class).cursorKey()).satisfiesAnyOf(
						(key) -> assertThat(key).isNull(),
						(key) -> assertThat(key).extracting(Secret::value).isEqualTo(""));
			});
	}

	@Test
	void aPhoneNumberMaskOtherThanTrueOrFalseIsRefused() {
		Binder binder = Binder.get(environment(Map.of("PROXY_MASK_PHONE_NUMBERS", "last-four")));

		org.assertj.core.api.Assertions
			.assertThatExceptionOfType(org.springframework.boot.context.properties.bind.BindException.class)
			.isThrownBy(() -> binder.bindOrCreate("callrecords.api", ApiProperties.class));
	}

	@Test
	void aPropertySetUnderItsOwnNameAheadOfTheEnvironmentWins() {
		ConfigurableEnvironment environment = environment(Map.of("GRAPH_REQUEST_TIMEOUT", "7s"));
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test",
					Map.of("callrecords.graph.resilience.request-timeout", "9s", "GRAPH_RETRY_MAX_BACKOFF", "3s")));
		assertThat(environment.getProperty("callrecords.graph.resilience.request-timeout")).isEqualTo("9s");
		assertThat(environment.getProperty("callrecords.graph.resilience.max-backoff")).isEqualTo("3s");
	}

	@Test
	void variablesAreReadWhenThePropertyIsRead() {
		ConfigurableEnvironment environment = environment(Map.of());
		assertThat(environment.getProperty("callrecords.graph.resilience.request-timeout")).isNull();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("added later", Map.of("GRAPH_REQUEST_TIMEOUT", "7s")));
		assertThat(environment.getProperty("callrecords.graph.resilience.request-timeout")).isEqualTo("7s");
	}

	@Test
	void theApplicationRunsThePostProcessor() {
		SpringApplication application = new SpringApplication(EmptyConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		application.setDefaultProperties(Map.of("GRAPH_REQUEST_TIMEOUT", "7s", "GRAPH_BUDGET_PERIOD", "5s"));
		try (ConfigurableApplicationContext context = application.run()) {
			ConfigurableEnvironment environment = context.getEnvironment();
			assertThat(environment.getProperty("callrecords.graph.resilience.request-timeout")).isEqualTo("7s");
			assertThat(environment.getProperty("resilience4j.ratelimiter.configs.graph-app.limit-refresh-period"))
				.isEqualTo("5s");
			List<String> sources = environment.getPropertySources().stream().map(PropertySource::getName).toList();
			assertThat(sources.indexOf(EnvironmentAliases.PROPERTY_SOURCE_NAME))
				.isEqualTo(sources.indexOf(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME) + 1);
			assertThat(sources).filteredOn((name) -> name.contains("application.yaml"))
				.singleElement()
				.satisfies((name) -> assertThat(sources.indexOf(name))
					.isGreaterThan(sources.indexOf(EnvironmentAliases.PROPERTY_SOURCE_NAME)));
		}
	}

	/**
	 * An environment as the application has it: the given operating system variables,
	 * {@code application.yaml} and the aliases.
	 */
	static ConfigurableEnvironment environment(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		try {
			new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"))
				.forEach(environment.getPropertySources()::addLast);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		new EnvironmentAliases().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ GraphProperties.class, GraphResilienceProperties.class,
			InboundAuthProperties.class, CacheProperties.class, ApiProperties.class, QualityProperties.class })
	static class AllProperties {

	}

}
