package io.callrecords.proxy.deploy;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import com.sun.net.httpserver.HttpServer;
import io.callrecords.proxy.simulator.GraphSimulator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service built with Spring AOT as the image builds it ({@code -Pspring-aot}: the
 * {@code process-aot} step with the settings pom.xml gives it) and started as a pod of
 * the Helm chart starts it: with {@code -Dspring.aot.enabled=true}, the management port
 * apart, virtual threads on and an OTLP endpoint, each of which Spring Boot decides by a
 * condition that Spring AOT evaluates at build time. Each must work at run time, and a
 * start that asks for what the build fixed otherwise is refused, naming it.
 * <p>
 * Runs the AOT processing and the service in their own JVMs (the JDK running the tests),
 * on the tests' class path without the test classes.
 * <p>
 * About 70 s on 2 cores, a third of the suite: it runs in CI ({@code CI=true}) and where
 * asked for ({@code SPRING_AOT_TESTS=run}), and is reported as skipped elsewhere.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EnabledIf(value = "wanted", disabledReason = "runs in CI (CI=true) or with SPRING_AOT_TESTS=run: about 70 s")
class SpringAotStartTests {

	static boolean wanted() {
		return "true".equalsIgnoreCase(System.getenv("CI")) || "run".equals(System.getenv("SPRING_AOT_TESTS"));
	}

	private static final String RECORD_ID = "e523d2ed-2966-4b6b-925b-754a88034cc5";

	private static final Duration PATIENCE = Duration.ofMinutes(4);

	@TempDir
	static Path work;

	private static @Nullable GraphSimulator simulator;

	private static @Nullable HttpServer collector;

	private static final AtomicInteger exportedTraces = new AtomicInteger();

	private static @Nullable Process service;

	private static final Map<String, String> ports = new LinkedHashMap<>();

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void buildWithSpringAotAndStartAsTheChartDoes() throws Exception {
		simulator = GraphSimulator.start(0, 0);
		collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		collector.createContext("/v1/traces", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			exportedTraces.incrementAndGet();
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		collector.start();
		processAheadOfTime();
		ports.put("SERVER_PORT", Integer.toString(freePort()));
		ports.put("MANAGEMENT_SERVER_PORT", Integer.toString(freePort()));
		service = start(chartSettings(), work.resolve("service.log"));
		awaitReady();
	}

	@AfterAll
	static void stopEverything() {
		if (service != null) {
			service.destroyForcibly();
		}
		if (collector != null) {
			collector.stop(0);
		}
		if (simulator != null) {
			simulator.close();
		}
	}

	@Test
	@Order(1)
	void startsFromTheCodeSpringAotGenerated() throws IOException {
		assertThat(Files.readString(work.resolve("service.log")))
			.contains("Starting AOT-processed CallRecordsProxyApplication");
	}

	@Test
	@Order(2)
	void servesTheActuatorOnTheChartsManagementPortOnly() throws Exception {
		assertThat(get("MANAGEMENT_SERVER_PORT", "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
		assertThat(get("MANAGEMENT_SERVER_PORT", "/actuator/prometheus", null).body())
			.contains("jvm_memory_used_bytes");
		assertThat(get("SERVER_PORT", "/actuator/health/readiness", null).statusCode()).isNotEqualTo(200);
	}

	@Test
	@Order(3)
	void servesACallRecordOnAVirtualThread() throws Exception {
		HttpResponse<String> response = get("SERVER_PORT", "/api/v1/call-records/" + RECORD_ID,
				simulator().callerTokens().issue("aot-test"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"id\":\"" + RECORD_ID + "\"");
		if (Runtime.version().feature() >= 21) {
			// Tomcat's virtual-thread executor names its threads tomcat-handler-N
			// (platform
			// threads would be http-nio-PORT-exec-N); the servlet's first request logs on
			// it
			assertThat(Files.readString(work.resolve("service.log"))).contains("omcat-handler-")
				.doesNotContain("-exec-1]");
		}
	}

	@Test
	@Order(4)
	void exportsTheRequestsTraceToTheOtlpEndpointAndStopsGracefully() throws Exception {
		get("SERVER_PORT", "/api/v1/call-records/" + RECORD_ID, simulator().callerTokens().issue("aot-test"));
		Process running = service();
		running.destroy(); // SIGTERM: the tracer provider's shutdown flushes the spans it
							// holds

		assertThat(running.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(exportedTraces.get()).isPositive();
	}

	@Test
	@Order(5)
	void refusesAStartWithoutTheManagementPortTheBuildFixed() throws Exception {
		Map<String, String> settings = chartSettings();
		settings.remove("MANAGEMENT_SERVER_PORT");
		Path log = work.resolve("refused.log");
		Process refused = start(settings, log);

		assertThat(refused.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(refused.exitValue()).isNotZero();
		assertThat(Files.readString(log)).contains("the management port: built to serve the actuator on its own port",
				"JDK_JAVA_OPTIONS=-Dspring.aot.enabled=false");
	}

	/**
	 * What a pod of the chart is given (its ConfigMap's settings that conditions read,
	 * the image's virtual threads) and the simulator.
	 */
	private static Map<String, String> chartSettings() {
		Map<String, String> settings = new LinkedHashMap<>();
		simulator().applicationProperties().forEach((name, value) -> settings.put(name, String.valueOf(value)));
		settings.putAll(ports);
		settings.put("SPRING_THREADS_VIRTUAL_ENABLED", "true");
		settings.put("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT",
				"http://127.0.0.1:" + collector().getAddress().getPort() + "/v1/traces");
		settings.put("TRACING_SAMPLING_PROBABILITY", "1.0");
		settings.put("SHUTDOWN_TIMEOUT", "5s");
		return settings;
	}

	/**
	 * Spring Boot's AOT processing of the application, as {@code -Pspring-aot} runs it
	 * (with its system properties from pom.xml), then the generated sources compiled.
	 */
	private static void processAheadOfTime() throws Exception {
		Path sources = Files.createDirectories(work.resolve("aot-sources"));
		Path resources = Files.createDirectories(work.resolve("aot-resources"));
		Path classes = Files.createDirectories(work.resolve("aot-classes"));
		List<String> command = new ArrayList<>(List.of(java(), "-cp", classPath()));
		buildSystemProperties().forEach((name, value) -> command.add("-D" + name + "=" + value));
		command.addAll(List.of("org.springframework.boot.SpringApplicationAotProcessor",
				"io.callrecords.proxy.CallRecordsProxyApplication", sources.toString(), resources.toString(),
				classes.toString(), "io.callrecords", "callrecords-proxy"));
		Path log = work.resolve("aot-processing.log");
		Process processing = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		assertThat(processing.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(processing.exitValue()).as(() -> readQuietly(log)).isZero();
		assertThat(resources.resolve("META-INF/callrecords-proxy/spring-aot-settings.properties")).exists();
		List<String> files;
		try (Stream<Path> generated = Files.walk(sources)) {
			files = generated.filter((path) -> path.toString().endsWith(".java")).map(Path::toString).toList();
		}
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		List<String> arguments = new ArrayList<>(
				List.of("-proc:none", "-parameters", "-nowarn", "-d", classes.toString(), "-cp", classPath()));
		arguments.addAll(files);
		assertThat(compiler.run(null, null, null, arguments.toArray(String[]::new))).isZero();
		// what the build puts beside the generated classes (reflection hints and the
		// recorded settings)
		try (Stream<Path> generated = Files.walk(resources)) {
			for (Path file : generated.filter(Files::isRegularFile).toList()) {
				Path target = classes.resolve(resources.relativize(file).toString());
				Files.createDirectories(target.getParent());
				Files.copy(file, target);
			}
		}
	}

	/**
	 * The system properties the {@code spring-aot} profile of pom.xml gives the
	 * {@code process-aot} step.
	 */
	private static Map<String, String> buildSystemProperties() throws IOException {
		String pom = Files.readString(Path.of("pom.xml"));
		Matcher profile = Pattern.compile("<id>spring-aot</id>(.*?)</profile>", Pattern.DOTALL).matcher(pom);
		assertThat(profile.find()).as("pom.xml has a spring-aot profile").isTrue();
		Matcher block = Pattern.compile("<systemPropertyVariables>(.*?)</systemPropertyVariables>", Pattern.DOTALL)
			.matcher(profile.group(1));
		Map<String, String> properties = new LinkedHashMap<>();
		if (block.find()) {
			Matcher property = Pattern.compile("<([\\w.-]+)>([^<]*)</\\1>").matcher(block.group(1));
			while (property.find()) {
				properties.put(property.group(1), property.group(2));
			}
		}
		assertThat(properties).as("the management port the image's Spring AOT build fixes")
			.containsKey("management.server.port");
		return properties;
	}

	private static Process start(Map<String, String> settings, Path log) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(java(), "-Dspring.aot.enabled=true", "-cp",
				work.resolve("aot-classes") + File.pathSeparator + classPath(),
				"io.callrecords.proxy.CallRecordsProxyApplication")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(settings);
		return builder.start();
	}

	private static void awaitReady() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		URI readiness = URI
			.create("http://127.0.0.1:" + ports.get("MANAGEMENT_SERVER_PORT") + "/actuator/health/readiness");
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (System.nanoTime() < deadline) {
			assertThat(service().isAlive()).as(() -> readQuietly(work.resolve("service.log"))).isTrue();
			try {
				if (http.send(HttpRequest.newBuilder(readiness).build(), HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new AssertionError("not ready within " + PATIENCE + ": " + readQuietly(work.resolve("service.log")));
	}

	private HttpResponse<String> get(String port, String path, @Nullable String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(port) + path))
			.timeout(Duration.ofSeconds(60));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * The tests' class path without the test classes: the application's classes and its
	 * libraries (Surefire passes them in a manifest-only jar).
	 */
	private static String classPath() {
		List<String> entries = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			entries.addAll(expand(entry));
		}
		return String.join(File.pathSeparator,
				entries.stream().filter((entry) -> !Path.of(entry).endsWith("test-classes")).toList());
	}

	private static List<String> expand(String entry) {
		if (!entry.endsWith(".jar") || !Path.of(entry).getFileName().toString().startsWith("surefire")) {
			return List.of(entry);
		}
		try (JarFile jar = new JarFile(entry)) {
			String classPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
			List<String> entries = new ArrayList<>();
			for (String uri : classPath.trim().split("\\s+")) {
				entries.add(Path.of(URI.create(uri)).toString());
			}
			return entries;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read " + entry, ex);
		}
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String readQuietly(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			return "(no " + file + ")";
		}
	}

	private static GraphSimulator simulator() {
		assertThat(simulator).isNotNull();
		return simulator;
	}

	private static HttpServer collector() {
		assertThat(collector).isNotNull();
		return collector;
	}

	private static Process service() {
		assertThat(service).isNotNull();
		return service;
	}

}
