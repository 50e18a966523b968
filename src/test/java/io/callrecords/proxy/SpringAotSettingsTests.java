package io.callrecords.proxy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * A start with Spring AOT is refused when it asks for settings other than those the jar
 * was built with (SpringAotStartTests runs the real thing).
 */
class SpringAotSettingsTests {

	@TempDir
	Path jar;

	@Test
	void theChartsManagementPortIsRecordedAsItsOwnPort() {
		assertThat(SpringAotSettings.of(chart())).containsEntry("management port", "DIFFERENT")
			.containsEntry("active profiles", "")
			.containsEntry("management.endpoints.web.exposure.include", "health,info,prometheus")
			.containsEntry("spring.data.redis.client-type", "");
	}

	@Test
	void whatWasRecordedIsReadBack() throws IOException {
		Map<String, String> settings = SpringAotSettings.of(chart());
		settings.put("odd = value", "with: every\\kind \u00e9 of # character");

		assertThat(SpringAotSettings.recorded(record(settings))).isEqualTo(settings);
	}

	@Test
	void aStartWithTheBuildsSettingsGoesAhead() throws IOException {
		SpringAotSettings.Check check = new SpringAotSettings.Check(true, record(SpringAotSettings.of(chart())));

		assertThatNoException().isThrownBy(() -> check.postProcessEnvironment(chart(), new SpringApplication()));
	}

	@Test
	void aStartWithoutTheManagementPortIsRefusedNamingIt() throws IOException {
		SpringAotSettings.Check check = new SpringAotSettings.Check(true, record(SpringAotSettings.of(chart())));
		MockEnvironment samePort = chart();
		samePort.setProperty("management.server.port", "8080");

		assertThatIllegalStateException()
			.isThrownBy(() -> check.postProcessEnvironment(samePort, new SpringApplication()))
			.withMessageContaining("the management port: built to serve the actuator on its own port, "
					+ "but this start asks for the API's port (MANAGEMENT_SERVER_PORT: set it to a port other than SERVER_PORT")
			.withMessageContaining("JDK_JAVA_OPTIONS=-Dspring.aot.enabled=false");
	}

	@Test
	void otherFrozenSettingsAreNamedWithBothValues() throws IOException {
		Map<String, String> built = SpringAotSettings.of(chart());
		built.put("virtual threads", String.valueOf(!Boolean.parseBoolean(built.get("virtual threads"))));
		SpringAotSettings.Check check = new SpringAotSettings.Check(true, record(built));
		MockEnvironment changed = chart();
		changed.setProperty("management.endpoints.web.exposure.include", "health");
		changed.setActiveProfiles("local");

		assertThatIllegalStateException()
			.isThrownBy(() -> check.postProcessEnvironment(changed, new SpringApplication()))
			.withMessageContaining("virtual threads: built with")
			.withMessageContaining("management.endpoints.web.exposure.include: built with 'health,info,prometheus', "
					+ "this start has 'health'")
			.withMessageContaining("the active profiles: built with '', this start has 'local'");
	}

	@Test
	void aJarBuiltWithoutSpringAotIsRefusedWithSpringAot() {
		SpringAotSettings.Check check = new SpringAotSettings.Check(true, new URLClassLoader(new URL[0], null));

		assertThatIllegalStateException()
			.isThrownBy(() -> check.postProcessEnvironment(chart(), new SpringApplication()))
			.withMessageContaining("no " + SpringAotSettings.RESOURCE);
	}

	@Test
	void withoutSpringAotNothingIsChecked() {
		SpringAotSettings.Check check = new SpringAotSettings.Check(false, new URLClassLoader(new URL[0], null));
		MockEnvironment changed = chart();
		changed.setProperty("management.server.port", "8080");

		assertThatNoException().isThrownBy(() -> check.postProcessEnvironment(changed, new SpringApplication()));
	}

	/**
	 * The environment of a pod of the Helm chart: application.yaml's settings that
	 * conditions read, the API on 8080 and the actuator on 8081.
	 */
	private static MockEnvironment chart() {
		MockEnvironment environment = new MockEnvironment();
		environment.setProperty("server.port", "8080");
		environment.setProperty("management.server.port", "8081");
		environment.setProperty("spring.threads.virtual.enabled", "true");
		environment.setProperty("management.endpoints.web.exposure.include", "health,info,prometheus");
		environment.setProperty("management.endpoint.health.probes.enabled", "true");
		environment.setProperty("management.health.redis.enabled", "false");
		return environment;
	}

	private ClassLoader record(Map<String, String> settings) throws IOException {
		Path file = this.jar.resolve(SpringAotSettings.RESOURCE);
		Files.createDirectories(file.getParent());
		Files.writeString(file, SpringAotSettings.format(settings));
		return new URLClassLoader(new URL[] { this.jar.toUri().toURL() }, null);
	}

}
