package io.callrecords.proxy.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.callrecords.proxy.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TypeScript client an internal app generates from {@code api-spec.yaml} (OpenAPI
 * Generator, {@code typescript-fetch}, built in {@code generate-test-sources}), compiled
 * with {@code tsc} (installed from npm on first use) together with
 * {@code src/test/typescript/contract-check.ts}, and run with Node.js against the running
 * service on the simulator.
 */
class GeneratedTypeScriptClientIntegrationTests extends IntegrationTestSupport {

	private static final Path GENERATED = Path.of("target/generated-test-sources/typescript-client");

	private static final Path WORK = Path.of("target/typescript-check");

	@Test
	void theGeneratedTypeScriptClientWorksUnchanged() throws Exception {
		assertThat(GENERATED.resolve("index.ts")).exists();
		FileSystemUtils.deleteRecursively(WORK.resolve("client"));
		FileSystemUtils.deleteRecursively(WORK.resolve("dist"));
		Files.createDirectories(WORK);
		FileSystemUtils.copyRecursively(GENERATED, WORK.resolve("client"));
		Files.copy(Path.of("src/test/typescript/contract-check.ts"), WORK.resolve("contract-check.ts"),
				java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		Files.writeString(WORK.resolve("package.json"), "{\"private\": true}\n");
		Files.writeString(WORK.resolve("tsconfig.json"), """
				{
				  "compilerOptions": {
				    "target": "ES2020", "module": "commonjs", "lib": ["ES2020", "DOM"],
				    "strict": true, "outDir": "dist", "types": ["node"], "skipLibCheck": false
				  },
				  "files": ["contract-check.ts"]
				}
				""");
		if (!Files.exists(WORK.resolve("node_modules/typescript/bin/tsc"))) {
			run(Map.of(), "npm", "install", "--no-audit", "--no-fund", "--silent", "typescript@5.6.3",
					"@types/node@20");
		}

		run(Map.of(), "node", "node_modules/typescript/bin/tsc", "-p", ".");
		String output = run(Map.of("BASE_URL", "http://localhost:" + this.port, "TOKEN", CALLER_TOKEN, "RECORDS",
				Integer.toString(simulator.allRecords().size())), "node", "dist/contract-check.js");

		assertThat(output).contains("typescript client: OK");
	}

	private static String run(Map<String, String> environment, String... command)
			throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(WORK.toFile())
			.redirectErrorStream(true);
		builder.environment().putAll(environment);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as("%s:%n%s", String.join(" ", command), output).isZero();
		return output;
	}

}
