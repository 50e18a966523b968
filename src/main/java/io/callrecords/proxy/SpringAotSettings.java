package io.callrecords.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * The settings that Spring AOT fixes when the jar is built, recorded then and checked at
 * every start that uses the AOT-generated code ({@code -Dspring.aot.enabled=true}, as the
 * image runs): Spring Boot's conditions are evaluated once, at build time, so a start
 * whose environment would have decided them differently would silently run with the
 * build's decisions (the actuator on the API's port although
 * {@code MANAGEMENT_SERVER_PORT} is set, platform threads although virtual ones are asked
 * for). Such a start is refused, naming each setting, its value at build time and now,
 * and how to start without Spring AOT.
 * <p>
 * The service's own choices (authentication, cache, cluster mode, ...) are made in
 * {@code @Bean} methods from bound properties and are not among them; the OTLP trace
 * exporter is decided at run time too ({@link OtlpTracingExportConfiguration}).
 * <p>
 * Without Spring AOT (the plain {@code java -jar}, tests) nothing is recorded or checked.
 */
final class SpringAotSettings {

	/**
	 * Where the build's settings are recorded in the jar.
	 */
	static final String RESOURCE = "META-INF/callrecords-proxy/spring-aot-settings.properties";

	/**
	 * Properties that Spring Boot's conditions read (besides the management port, virtual
	 * threads and profiles), compared by value: unset at build time means unset now.
	 */
	private static final List<String> PROPERTIES = List.of("spring.autoconfigure.exclude", "spring.jmx.enabled",
			"spring.data.redis.client-type", "spring.data.redis.repositories.enabled",
			"spring.mvc.problemdetails.enabled", "management.endpoints.access.default",
			"management.endpoints.web.exposure.include", "management.endpoints.web.exposure.exclude",
			"management.endpoint.health.probes.enabled", "management.health.defaults.enabled",
			"management.health.redis.enabled", "management.prometheus.metrics.export.enabled",
			"management.tracing.enabled", "management.tracing.baggage.enabled");

	private static final String MANAGEMENT_PORT = "management port";

	private static final String VIRTUAL_THREADS = "virtual threads";

	private static final String PROFILES = "active profiles";

	private SpringAotSettings() {
	}

	/**
	 * The settings an environment gives, as recorded.
	 * @param environment the environment
	 * @return each setting and its value ("" when unset)
	 */
	static Map<String, String> of(Environment environment) {
		Map<String, String> settings = new LinkedHashMap<>();
		// SAME (the API's port), DIFFERENT (its own) or DISABLED
		settings.put(MANAGEMENT_PORT, ManagementPortType.get(environment).name());
		settings.put(VIRTUAL_THREADS, String.valueOf(Threading.VIRTUAL.isActive(environment)));
		settings.put(PROFILES, String.join(",", environment.getActiveProfiles()));
		Binder binder = Binder.get(environment);
		for (String property : PROPERTIES) {
			settings.put(property,
					binder.bind(property, String[].class).map((values) -> String.join(",", values)).orElse(""));
		}
		return settings;
	}

	/**
	 * What differs between the build's settings and the environment's, one line each.
	 * @param built the settings recorded at build time
	 * @param now the settings of this start
	 * @return the differences, empty when none
	 */
	static List<String> differences(Map<String, String> built, Map<String, String> now) {
		List<String> differences = new ArrayList<>();
		now.forEach((setting, value) -> {
			String then = built.getOrDefault(setting, "");
			if (!then.equals(value)) {
				differences.add(describe(setting, then, value));
			}
		});
		return differences;
	}

	private static String describe(String setting, String then, String now) {
		return switch (setting) {
			case MANAGEMENT_PORT ->
				"the management port: built to serve the actuator on " + portText(then) + ", but this start asks for "
						+ portText(now) + " (MANAGEMENT_SERVER_PORT" + ("DIFFERENT".equals(then)
								? ": set it to a port other than SERVER_PORT, as the Helm chart does)" : ")");
			case VIRTUAL_THREADS ->
				"virtual threads: built " + ("true".equals(then) ? "with" : "without") + " them, but this start asks "
						+ ("true".equals(now) ? "for" : "to run without") + " them (SPRING_THREADS_VIRTUAL_ENABLED)";
			case PROFILES ->
				"the active profiles: built with '" + then + "', this start has '" + now + "' (SPRING_PROFILES_ACTIVE)";
			default -> setting + ": built with '" + then + "', this start has '" + now + "'";
		};
	}

	private static String portText(String type) {
		return switch (type) {
			case "DIFFERENT" -> "its own port";
			case "SAME" -> "the API's port";
			default -> "no port";
		};
	}

	/**
	 * The settings as the text of a properties file (UTF-8, as Spring AOT writes it).
	 * @param settings the settings
	 * @return the text
	 */
	static String format(Map<String, String> settings) {
		StringBuilder text = new StringBuilder(
				"# the settings Spring AOT fixed when this jar was built (SpringAotSettings)\n");
		settings.forEach((setting, value) -> {
			Properties one = new Properties();
			one.setProperty(setting, value);
			StringWriter line = new StringWriter();
			try {
				one.store(line, null);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			line.toString().lines().filter((l) -> !l.startsWith("#")).forEach((l) -> text.append(l).append('\n'));
		});
		return text.toString();
	}

	static @Nullable Map<String, String> recorded(ClassLoader classLoader) {
		try (InputStream in = classLoader.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				return null;
			}
			Properties properties = new Properties();
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
			Map<String, String> settings = new LinkedHashMap<>();
			properties.stringPropertyNames().forEach((name) -> settings.put(name, properties.getProperty(name)));
			return settings;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Refuses a start with Spring AOT whose settings differ from the build's. Registered
	 * in {@code META-INF/spring.factories}; runs after the configuration files are read
	 * and after {@link EnvironmentAliases}.
	 */
	static final class Check implements EnvironmentPostProcessor, Ordered {

		private final boolean aot;

		private final ClassLoader classLoader;

		Check() {
			this(AotDetector.useGeneratedArtifacts(), SpringAotSettings.class.getClassLoader());
		}

		Check(boolean aot, ClassLoader classLoader) {
			this.aot = aot;
			this.classLoader = classLoader;
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

		@Override
		public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
			if (!this.aot) {
				return;
			}
			Map<String, String> built = recorded(this.classLoader);
			if (built == null) {
				throw new IllegalStateException("Spring AOT is on (-Dspring.aot.enabled=true) but this jar has no "
						+ RESOURCE + ": it was not built with Spring AOT (./mvnw -Pspring-aot package)");
			}
			List<String> differences = differences(built, of(environment));
			if (!differences.isEmpty()) {
				throw new IllegalStateException("This start runs the code Spring AOT generated when the jar was built"
						+ " (-Dspring.aot.enabled=true, as the image does), which fixed these settings then; this start"
						+ " asks for others, which it would silently ignore:\n  - " + String.join("\n  - ", differences)
						+ "\nSet them as they were built, or start without Spring AOT"
						+ " (JDK_JAVA_OPTIONS=-Dspring.aot.enabled=false; a slower start, every setting honoured)."
						+ " See README, Deployment, Image.");
			}
		}

	}

	/**
	 * Records the build's settings in the jar when Spring AOT processes the application
	 * context (registered in {@code META-INF/spring/aot.factories}).
	 */
	static final class Recorder implements BeanFactoryInitializationAotProcessor {

		@Override
		public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
				ConfigurableListableBeanFactory beanFactory) {
			// once, for the application's context (not again for the management port's
			// child context)
			if (beanFactory.getParentBeanFactory() != null
					|| !beanFactory.containsBean(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME)) {
				return null;
			}
			Environment environment = beanFactory.getBean(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME,
					Environment.class);
			String text = format(of(environment));
			return (generationContext, code) -> generationContext.getGeneratedFiles().addResourceFile(RESOURCE, text);
		}

	}

}
