package io.callrecords.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.callrecords.proxy.callrecords.ApiProperties;
import io.callrecords.proxy.callrecords.CacheProperties;
import io.callrecords.proxy.cluster.ClusterProperties;
import io.callrecords.proxy.graph.GraphProperties;
import io.callrecords.proxy.graph.GraphResilienceProperties;
import io.callrecords.proxy.quality.QualityProperties;
import io.callrecords.proxy.web.InboundAuthProperties;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's configuration tables document exactly the variables the service reads, with
 * the defaults it has.
 */
class ReadmeConfigurationTests {

	private static final Pattern ROW = Pattern.compile("^\\| `([A-Z][A-Z0-9_]*)` \\| ([^|]*) \\|", Pattern.MULTILINE);

	private static final Pattern LITERAL = Pattern.compile("`([^`]*)`");

	@Test
	void readmeSplitsTheSettingsInTwoTables() throws IOException {
		String section = configurationSection();
		assertThat(section).contains("### Settings every deployment sets", "### Advanced settings");
		String essentials = section.substring(section.indexOf("### Settings every deployment sets"),
				section.indexOf("### Advanced settings"));
		assertThat(rows(essentials)).containsOnlyKeys("AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET",
				"AZURE_CLIENT_CERTIFICATE_PATH", "AZURE_FEDERATED_TOKEN_FILE", "PROXY_AUTH_ISSUER_URI",
				"PROXY_AUTH_AUDIENCE", "PROXY_CURSOR_KEY");
	}

	@Test
	void readmeDocumentsEveryVariableOnce() throws IOException {
		List<String> documented = new ArrayList<>();
		Matcher row = ROW.matcher(configurationSection());
		while (row.find()) {
			documented.add(row.group(1));
		}
		assertThat(documented).doesNotHaveDuplicates().containsAll(EnvironmentAliases.aliases().keySet());
	}

	@Test
	void readmeDocumentsOnlyVariablesTheServiceOrSpringBootReads() throws IOException {
		Set<String> springBoot = springBootVariables();
		assertThat(rows(configurationSection()).keySet()).allSatisfy((variable) -> assertThat(
				EnvironmentAliases.aliases().containsKey(variable) || springBoot.contains(variable))
			.as("%s is neither in EnvironmentAliases nor a Spring Boot property", variable)
			.isTrue());
	}

	@Test
	void readmeDefaultsAreTheDefaults() throws IOException {
		List<Object> defaults = settings(EnvironmentAliasesTests.environment(Map.of()));
		Map<String, String> documented = new LinkedHashMap<>();
		rows(configurationSection()).forEach((variable, defaultCell) -> {
			Matcher literal = LITERAL.matcher(defaultCell);
			if (EnvironmentAliases.aliases().containsKey(variable) && literal.matches()) {
				documented.put(variable, literal.group(1));
			}
		});
		assertThat(documented).containsKeys("GRAPH_REQUEST_TIMEOUT", "GRAPH_BUDGET_PERIOD", "PROXY_CACHE_TTL",
				"SHUTDOWN_TIMEOUT");
		assertThat(documented).allSatisfy(
				(variable, value) -> assertThat(settings(EnvironmentAliasesTests.environment(Map.of(variable, value))))
					.as("%s=%s, as README says its default is", variable, value)
					.isEqualTo(defaults));
	}

	/**
	 * Every setting the aliases reach: the bound records and the other properties.
	 */
	private static List<Object> settings(ConfigurableEnvironment environment) {
		Binder binder = Binder.get(environment);
		List<Object> settings = new ArrayList<>();
		settings.add(binder.bindOrCreate("callrecords.graph", GraphProperties.class));
		settings.add(binder.bindOrCreate("callrecords.graph.resilience", GraphResilienceProperties.class));
		settings.add(binder.bindOrCreate("callrecords.auth", InboundAuthProperties.class));
		settings.add(binder.bindOrCreate("callrecords.cache", CacheProperties.class));
		settings.add(binder.bindOrCreate("callrecords.api", ApiProperties.class));
		settings.add(binder.bindOrCreate("callrecords.quality", QualityProperties.class));
		settings.add(binder.bindOrCreate("callrecords.cluster", ClusterProperties.class));
		EnvironmentAliases.aliases()
			.values()
			.stream()
			.flatMap(List::stream)
			.filter((property) -> !property.startsWith("callrecords."))
			.forEach((property) -> settings.add(property + "=" + environment.getProperty(property)));
		return settings;
	}

	private static String configurationSection() throws IOException {
		String readme = Files.readString(Path.of("README.md"));
		int start = readme.indexOf("\n## Configuration\n");
		assertThat(start).as("README's configuration section").isNotNegative();
		int end = readme.indexOf("\n## ", start + 1);
		return readme.substring(start, (end != -1) ? end : readme.length());
	}

	private static Map<String, String> rows(String markdown) {
		Map<String, String> rows = new LinkedHashMap<>();
		Matcher row = ROW.matcher(markdown);
		while (row.find()) {
			rows.put(row.group(1), row.group(2).trim());
		}
		return rows;
	}

	/**
	 * The environment variable form of every property in Spring Boot's configuration
	 * metadata on the class path, {@code server.port} as {@code SERVER_PORT}.
	 */
	private static Set<String> springBootVariables() throws IOException {
		JsonMapper json = JsonMapper.builder().build();
		Set<String> variables = new HashSet<>();
		for (Resource metadata : new PathMatchingResourcePatternResolver()
			.getResources("classpath*:META-INF/spring-configuration-metadata.json")) {
			try (InputStream input = metadata.getInputStream()) {
				for (JsonNode property : json.readTree(input).path("properties")) {
					variables.add(property.path("name")
						.asString()
						.replace('.', '_')
						.replace("-", "")
						.toUpperCase(Locale.ROOT));
				}
			}
		}
		return variables;
	}

}
