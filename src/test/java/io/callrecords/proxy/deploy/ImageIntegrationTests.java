package io.callrecords.proxy.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.callrecords.proxy.simulator.CallerTokens;
import io.callrecords.proxy.simulator.GraphSimulator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Container;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container image itself, built from the Dockerfile and run as the Helm chart runs it
 * (read-only root filesystem, a writable {@code /tmp}, the management port apart) against
 * the Graph simulator on the host. Runs where a Docker engine is reachable and is
 * reported as skipped elsewhere; the Dockerfile's rules are also checked without Docker
 * ({@link DockerfileTests}), and {@code bench/hop-benchmark.sh} repeats the image's
 * extraction, AOT cache training and start on the local JDKs.
 */
@org.testcontainers.junit.jupiter.Testcontainers(disabledWithoutDocker = true)
class ImageIntegrationTests {

	private static final String RECORD_ID = "e523d2ed-2966-4b6b-925b-754a88034cc5";

	private static final String HOST = "host.testcontainers.internal";

	private static final GraphSimulator simulator = GraphSimulator.start(0, 0);

	@Container
	private static final GenericContainer<?> service = new GenericContainer<>(
			new ImageFromDockerfile("callrecords-proxy-image-test", true)
				.withDockerfile(Path.of("Dockerfile").toAbsolutePath()))
		.withEnv(settings())
		.withExposedPorts(8080, 8081)
		.withTmpFs(Map.of("/tmp", "rw"))
		.withCreateContainerCmdModifier((command) -> command.getHostConfig().withReadonlyRootfs(true))
		.waitingFor(Wait.forHttp("/actuator/health/readiness").forPort(8081).forStatusCode(200))
		.withStartupTimeout(Duration.ofMinutes(3));

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterAll
	static void stopTheSimulator() {
		simulator.close();
	}

	/**
	 * The simulator's settings as the container reaches them: through the host ports
	 * exposed to it, which must happen before the container starts.
	 */
	private static Map<String, String> settings() {
		URI graph = URI.create(simulator.graphBaseUrl());
		URI entra = URI.create(simulator.tokenEndpoint());
		Testcontainers.exposeHostPorts(graph.getPort(), entra.getPort());
		String entraBase = "http://" + HOST + ":" + entra.getPort();
		return Map.of("AZURE_TENANT_ID", GraphSimulator.TENANT_ID, "AZURE_CLIENT_ID", GraphSimulator.CLIENT_ID,
				"AZURE_CLIENT_SECRET", GraphSimulator.CLIENT_SECRET, "AZURE_AUTHORITY_HOST", entraBase,
				"GRAPH_BASE_URL", "http://" + HOST + ":" + graph.getPort() + GraphSimulator.VERSION_PATH,
				"PROXY_AUTH_ISSUER_URI", simulator.callerTokens().issuer(), "PROXY_AUTH_JWK_SET_URI",
				entraBase + "/" + GraphSimulator.TENANT_ID + "/discovery/v2.0/keys", "PROXY_AUTH_AUDIENCE",
				CallerTokens.AUDIENCE, "MANAGEMENT_SERVER_PORT", "8081",
				// the simulator's token endpoint accepts the scope of its own URL
				"GRAPH_SCOPE", "http://localhost:" + graph.getPort() + "/.default");
	}

	@Test
	void servesACallRecordFromGraphToAnAuthorisedCaller() throws Exception {
		HttpResponse<String> response = get(8080, "/api/v1/call-records/" + RECORD_ID,
				simulator.callerTokens().issue("image-test"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"id\":\"" + RECORD_ID + "\"", "\"organizer\"");
		// the Graph call loaded Netty's native transport: allowed by the jar's manifest,
		// so the JVM does not warn about a restricted method
		assertThat(service.getLogs()).doesNotContain("WARNING: A restricted method");
	}

	@Test
	void refusesACallerWithoutAToken() throws Exception {
		HttpResponse<String> response = get(8080, "/api/v1/call-records/" + RECORD_ID, null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void exposesPrometheusMetricsOnTheManagementPort() throws Exception {
		HttpResponse<String> response = get(8081, "/actuator/prometheus", null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("jvm_memory_used_bytes");
	}

	@Test
	void runsAsTheNonRootUserAndStartsFromItsAotCache() throws Exception {
		assertThat(service.execInContainer("id", "-u").getStdout().trim()).isEqualTo("10001");
		// the JVM warns on the console when the AOT cache does not match the JRE or class
		// path, and then starts without it
		assertThat(service.getLogs()).doesNotContain("[aot]").contains("Started CallRecordsProxyApplication");
	}

	private HttpResponse<String> get(int port, String path, @Nullable String token) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://" + service.getHost() + ":" + service.getMappedPort(port) + path))
			.timeout(Duration.ofSeconds(30));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
