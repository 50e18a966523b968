package io.callrecords.proxy;

import java.time.Duration;
import java.util.stream.StreamSupport;

import io.callrecords.proxy.simulator.GraphSimulator;
import io.callrecords.proxy.simulator.RecordFactory;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Statistic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.awaitility.Awaitility.await;

import io.callrecords.proxy.callrecords.ForgetRecordFailures;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.context.TestExecutionListeners.MergeMode;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the end-to-end tests: the whole service on a random port, pointed at the shared
 * Graph simulator. Every subclass shares one Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// every request reaches the simulator; CacheIntegrationTests turns the cache on
@TestPropertySource(properties = "PROXY_CACHE_ENABLED=false")
@TestExecutionListeners(listeners = ForgetRecordFailures.class, mergeMode = MergeMode.MERGE_WITH_DEFAULTS)
public abstract class IntegrationTestSupport {

	protected static final GraphSimulator simulator = GraphSimulator.shared();

	/** A valid token of a caller app with the required role. */
	protected static final String CALLER_TOKEN = simulator.callerTokens().issue("integration-tests");

	/** The cursor key of the tests, so that tests can seal cursors of their own. */
	protected static final String CURSOR_KEY = "integration-tests-cursor-key-0123456789";

	@LocalServerPort
	protected int port;

	protected ApiResponses api;

	/**
	 * The id of one of the simulator's generated small records.
	 * @param i its number, 0 to 129
	 * @return the id
	 */
	protected static String seriesRecord(int i) {
		return RecordFactory.seriesId(i);
	}

	@DynamicPropertySource
	static void pointAtSimulator(DynamicPropertyRegistry registry) {
		simulator.applicationProperties().forEach((name, value) -> registry.add(name, () -> value));
		registry.add("PROXY_CURSOR_KEY", () -> CURSOR_KEY);
		// a deadline long enough for the 20 MB record on a busy machine (the deadline
		// itself is tested with virtual time in GraphCallPolicyTests); short backoffs so
		// that fault tests stay fast; budgets out of the way of tests that are not about
		// budgets (GraphBudgetsTests covers those)
		registry.add("GRAPH_REQUEST_TIMEOUT", () -> "25s");
		registry.add("GRAPH_RETRY_INITIAL_BACKOFF", () -> "100ms");
		registry.add("GRAPH_RETRY_MAX_BACKOFF", () -> "400ms");
		registry.add("GRAPH_BUDGET_RECORD", () -> "100000");
		registry.add("GRAPH_BUDGET_LIST", () -> "100000");
		registry.add("GRAPH_BUDGET_APP", () -> "100000");
		registry.add("GRAPH_BUDGET_CALL_LOG_APP", () -> "100000");
		registry.add("GRAPH_BUDGET_CALL_LOG", () -> "100000");
		registry.add("GRAPH_APP_THROTTLE_SCOPES", () -> "1000");
		registry.add("GRAPH_CIRCUIT_OPEN_DURATION", () -> "1s");
		registry.add("PROXY_CALLER_QUOTA", () -> "1000000");
	}

	@Autowired
	protected CircuitBreakerRegistry circuitBreakers;

	@Autowired
	private MeterRegistry meters;

	/**
	 * How many times a meter counted so far, over its series with these tags: counters,
	 * function counters and timers; 0 while no such series exists.
	 * @param name the meter's name
	 * @param tags tag keys and values
	 * @return the count
	 */
	protected double count(String name, String... tags) {
		return this.meters.find(name)
			.tags(tags)
			.meters()
			.stream()
			.flatMap((meter) -> StreamSupport.stream(meter.measure().spliterator(), false))
			.filter((measurement) -> measurement.getStatistic() == Statistic.COUNT)
			.mapToDouble(Measurement::getValue)
			.sum();
	}

	@BeforeEach
	void resetSimulator() {
		awaitNoGraphCallInFlight();
		simulator.reset();
		this.circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
		this.api = new ApiResponses(this.port, CALLER_TOKEN);
	}

	@AfterEach
	void restoreSimulator() {
		awaitNoGraphCallInFlight();
		simulator.reset();
	}

	/**
	 * Waits until the service has no Graph call in progress: a fetch whose caller has
	 * gone (a deadline passed, a connection closed) may still be reading or paging, and
	 * its requests must reach the simulator before the next test counts its own.
	 */
	private void awaitNoGraphCallInFlight() {
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.meters.get("graph.client.requests.active").gauge().value() == 0);
	}

}
