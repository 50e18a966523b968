package io.callrecords.proxy.contract;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.callrecords.proxy.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Python client an internal app generates from {@code api-spec.yaml} (OpenAPI
 * Generator, {@code python}, built in {@code generate-test-sources}), run unchanged by
 * {@code src/test/python/contract_check.py} against the running service on the simulator:
 * every endpoint, every include, every list paged to the end, {@code from}/{@code to} as
 * the client formats them ({@code +0200}), typed problems. Its dependencies (urllib3,
 * pydantic 2, python-dateutil, typing-extensions) come from Debian; {@code .ci/run}
 * installs them where missing.
 */
class GeneratedPythonClientIntegrationTests extends IntegrationTestSupport {

	private static final Path GENERATED = Path.of("target/generated-test-sources/python-client");

	@Test
	void theGeneratedPythonClientWorksUnchanged() throws Exception {
		assertThat(GENERATED.resolve("callrecords_client/__init__.py")).exists();
		ProcessBuilder builder = new ProcessBuilder(
				List.of("python3", Path.of("src/test/python/contract_check.py").toString()))
			.redirectErrorStream(true);
		builder.environment().put("PYTHONPATH", GENERATED.toAbsolutePath().toString());
		builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
		builder.environment().put("BASE_URL", "http://localhost:" + this.port);
		builder.environment().put("TOKEN", CALLER_TOKEN);
		builder.environment().put("RECORDS", Integer.toString(simulator.allRecords().size()));
		Process python = builder.start();
		String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

		assertThat(python.waitFor(300, TimeUnit.SECONDS)).isTrue();
		assertThat(python.exitValue())
			.as("python3 contract_check.py (needs python3-urllib3, python3-pydantic, "
					+ "python3-dateutil, python3-typing-extensions):%n%s", output)
			.isZero();
		assertThat(output).contains("python client: OK");
	}

}
