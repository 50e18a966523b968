package io.callrecords.proxy.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Capability;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.callrecords.proxy.simulator.CallerTokens;
import io.callrecords.proxy.simulator.GraphSimulator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.RemoteDockerImage;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The container image itself, run as the Helm chart runs it (read-only root filesystem, a
 * writable {@code /tmp}, the chart's user, memory limit and shutdown timeout, all
 * capabilities dropped, the management port apart) against the Graph simulator on the
 * host. The image is the one {@code .ci/image.sh} built ({@code CALLRECORDS_PROXY_IMAGE})
 * or, without one, built here from the Dockerfile. Runs where a Docker engine (or Podman
 * through {@code DOCKER_HOST}) is reachable; elsewhere it is reported as skipped, except
 * in CI, where it fails ({@link ImageTestPolicy}). The Dockerfile's rules are also
 * checked without an engine ({@link DockerfileTests}).
 */
@ExtendWith(ImageTestPolicy.Condition.class)
class ImageIntegrationTests {

	private static final String RECORD_ID = "e523d2ed-2966-4b6b-925b-754a88034cc5";

	private static final String HOST = "host.testcontainers.internal";

	private static final int HTTP_PORT = 8080;

	private static @Nullable GraphSimulator simulator;

	private static @Nullable Future<String> image;

	private static @Nullable ChartValues chart;

	private static @Nullable GenericContainer<?> service;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startTheImageAsTheChartRunsIt() throws Exception {
		ImageTestPolicy policy = ImageTestPolicy.current();
		chart = ChartValues.load();
		simulator = GraphSimulator.start(0, 0);
		String prebuilt = policy.prebuiltImage();
		image = (prebuilt != null) ? new RemoteDockerImage(DockerImageName.parse(prebuilt))
				: new ImageFromDockerfile("callrecords-proxy-image-test", true)
					.withDockerfile(Path.of("Dockerfile").toAbsolutePath());
		service = container();
		service.start();
	}

	@AfterAll
	static void stopEverything() {
		if (service != null) {
			service.stop();
		}
		if (simulator != null) {
			simulator.close();
		}
	}

	/**
	 * A container of the image, configured as the chart's pod.
	 */
	private static GenericContainer<?> container() {
		ChartValues chart = chart();
		return new GenericContainer<>(image()).withEnv(settings(simulator(), chart))
			.withExposedPorts(HTTP_PORT, chart.managementPort())
			.withTmpFs(Map.of("/tmp", "rw"))
			.withCreateContainerCmdModifier((command) -> {
				command.withUser(chart.runAsUser() + ":" + chart.runAsGroup());
				command.getHostConfig()
					.withReadonlyRootfs(true)
					.withMemory(chart.memoryLimitBytes())
					.withCapDrop(Capability.ALL)
					.withSecurityOpts(List.of("no-new-privileges"));
			})
			.waitingFor(Wait.forHttp("/actuator/health/readiness").forPort(chart.managementPort()).forStatusCode(200))
			.withStartupTimeout(Duration.ofMinutes(3));
	}

	/**
	 * The simulator's settings as the container reaches them: through the host ports
	 * exposed to it, which must happen before the container starts.
	 */
	private static Map<String, String> settings(GraphSimulator simulator, ChartValues chart) {
		URI graph = URI.create(simulator.graphBaseUrl());
		URI entra = URI.create(simulator.tokenEndpoint());
		Testcontainers.exposeHostPorts(graph.getPort(), entra.getPort());
		String entraBase = "http://" + HOST + ":" + entra.getPort();
		Map<String, String> settings = new HashMap<>(
				Map.of("AZURE_TENANT_ID", GraphSimulator.TENANT_ID, "AZURE_CLIENT_ID", GraphSimulator.CLIENT_ID,
						"AZURE_CLIENT_SECRET", GraphSimulator.CLIENT_SECRET, "AZURE_AUTHORITY_HOST", entraBase,
						"GRAPH_BASE_URL", "http://" + HOST + ":" + graph.getPort() + GraphSimulator.VERSION_PATH,
						"PROXY_AUTH_ISSUER_URI", simulator.callerTokens().issuer(), "PROXY_AUTH_JWK_SET_URI",
						entraBase + "/" + GraphSimulator.TENANT_ID + "/discovery/v2.0/keys", "PROXY_AUTH_AUDIENCE",
						CallerTokens.AUDIENCE,
						// the simulator's token endpoint accepts the scope of its own URL
						"GRAPH_SCOPE", "http://localhost:" + graph.getPort() + "/.default"));
		// as the chart's ConfigMap sets them
		settings.put("MANAGEMENT_SERVER_PORT", Integer.toString(chart.managementPort()));
		settings.put("SHUTDOWN_TIMEOUT", chart.shutdownTimeoutSeconds() + "s");
		return settings;
	}

	@Test
	void servesACallRecordFromGraphToAnAuthorisedCaller() throws Exception {
		HttpResponse<String> response = get(service(), HTTP_PORT, "/api/v1/call-records/" + RECORD_ID,
				simulator().callerTokens().issue("image-test"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"id\":\"" + RECORD_ID + "\"", "\"organizer\"");
		// the Graph call loaded Netty's native transport: allowed by the jar's manifest,
		// so the JVM does not warn about a restricted method
		assertThat(service().getLogs()).doesNotContain("WARNING: A restricted method");
	}

	@Test
	void refusesACallerWithoutAToken() throws Exception {
		HttpResponse<String> response = get(service(), HTTP_PORT, "/api/v1/call-records/" + RECORD_ID, null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void exposesPrometheusMetricsOnTheManagementPort() throws Exception {
		HttpResponse<String> response = get(service(), chart().managementPort(), "/actuator/prometheus", null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("jvm_memory_used_bytes");
	}

	@Test
	void runsAsTheChartsNonRootUserAndStartsFromItsAotCacheWithSpringAot() throws Exception {
		assertThat(service().execInContainer("id", "-u").getStdout().trim())
			.isEqualTo(Long.toString(chart().runAsUser()))
			.isNotEqualTo("0");
		// the JVM warns on the console when the AOT cache does not match the JRE or class
		// path, and then starts without it
		assertThat(service().getLogs()).doesNotContain("[aot]").contains("Started CallRecordsProxyApplication");
		// and from the bean definitions Spring AOT generated when the image was built
		assertThat(service().getLogs()).contains("Starting AOT-processed CallRecordsProxyApplication");
	}

	@Test
	void onSigtermFinishesTheRequestInFlightAndExitsWithinTheChartsGracePeriod() throws Exception {
		ChartValues chart = chart();
		GraphSimulator simulator = simulator();
		try (GenericContainer<?> stopping = container()) {
			stopping.start();
			String token = simulator.callerTokens().issue("image-test");
			int graphCallsBefore = recordCalls(simulator).size();
			// Graph answers the next call slowly: the request is still in flight when the
			// container gets its SIGTERM
			simulator.faults().latency(Duration.ofSeconds(5), 1);
			CompletableFuture<HttpResponse<String>> inFlight = this.http.sendAsync(
					request(stopping, HTTP_PORT, "/api/v1/call-records/" + RECORD_ID, token).build(),
					HttpResponse.BodyHandlers.ofString());
			await("the service calls Graph for the record").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> recordCalls(simulator).size() > graphCallsBefore);
			assertThat(inFlight).as("the request waits on Graph").isNotDone();

			long signalled = System.nanoTime();
			stopping.getDockerClient().killContainerCmd(stopping.getContainerId()).withSignal("SIGTERM").exec();

			HttpResponse<String> response = inFlight.get(chart.terminationGracePeriodSeconds(), TimeUnit.SECONDS);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("\"id\":\"" + RECORD_ID + "\"");
			await("the container exits by itself").atMost(Duration.ofSeconds(chart.terminationGracePeriodSeconds()))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> !state(stopping).getRunning());
			Duration stopped = Duration.ofNanos(System.nanoTime() - signalled);
			assertThat(stopped).isLessThan(Duration.ofSeconds(chart.terminationGracePeriodSeconds()));
			// 128 + SIGTERM: the JVM ran its shutdown hooks and exited; a kill would be
			// 137
			assertThat(state(stopping).getExitCodeLong()).isEqualTo(143L);
			assertThat(stopping.getLogs()).doesNotContain("[aot]");
		}
	}

	private static List<LoggedRequest> recordCalls(GraphSimulator simulator) {
		return simulator.graphRequests().stream().filter((call) -> call.getUrl().contains(RECORD_ID)).toList();
	}

	private static InspectContainerResponse.ContainerState state(GenericContainer<?> container) {
		return container.getDockerClient().inspectContainerCmd(container.getContainerId()).exec().getState();
	}

	private HttpResponse<String> get(GenericContainer<?> container, int port, String path, @Nullable String token)
			throws Exception {
		return this.http.send(request(container, port, path, token).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest.Builder request(GenericContainer<?> container, int port, String path,
			@Nullable String token) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://" + container.getHost() + ":" + container.getMappedPort(port) + path))
			.timeout(Duration.ofSeconds(60));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return request;
	}

	private static GraphSimulator simulator() {
		return Objects.requireNonNull(simulator);
	}

	private static Future<String> image() {
		return Objects.requireNonNull(image);
	}

	private static ChartValues chart() {
		return Objects.requireNonNull(chart);
	}

	private static GenericContainer<?> service() {
		return Objects.requireNonNull(service);
	}

}
