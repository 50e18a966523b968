package io.callrecords.proxy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.callrecords.proxy.cluster.RedisLink;
import io.callrecords.proxy.simulator.GraphSimulator;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three replicas of the service (three application contexts), one Graph simulator and one
 * real Redis: the replicas act as one service. Each test reads records of its own, so
 * that no test meets another's cached copies.
 */
class ClusterIntegrationTests {

	private static final String CURSOR_KEY = "cluster-tests-cursor-key-0123456789abcdef";

	/** Graph calls per record per 20 s in these tests: 1 per replica in local mode. */
	private static final int RECORD_BUDGET = 5;

	private static final GraphSimulator simulator = GraphSimulator.start(0, 0);

	private static final String TOKEN = simulator.callerTokens().issue("cluster-tests");

	private static RedisServer redis;

	private static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	private static final List<ApiResponses> api = new ArrayList<>();

	@BeforeAll
	static void startReplicas() {
		redis = RedisServer.start();
		for (int i = 0; i < 3; i++) {
			Map<String, Object> settings = new HashMap<>(simulator.applicationProperties());
			settings.put("spring.data.redis.url", redis.url());
			settings.put("PROXY_CLUSTER_CACHE_KEY", "cluster-tests-cache-key-0123456789abcdef");
			settings.put("PROXY_CLUSTER_REPLICAS", "3");
			settings.put("PROXY_CLUSTER_PROBE_INTERVAL", "200ms");
			// a busy machine may take long for a command; cluster mode is what is tested
			settings.put("PROXY_CLUSTER_REDIS_TIMEOUT", "1s");
			settings.put("PROXY_CURSOR_KEY", CURSOR_KEY);
			settings.put("GRAPH_REQUEST_TIMEOUT", "25s");
			settings.put("GRAPH_BUDGET_RECORD", Integer.toString(RECORD_BUDGET));
			settings.put("GRAPH_BUDGET_MAX_WAIT", "0s");
			settings.put("PROXY_CALLER_QUOTA", "1000000");
			settings.put("server.port", "0");
			settings.put("spring.main.banner-mode", "off");
			ConfigurableApplicationContext replica = new SpringApplicationBuilder(CallRecordsProxyApplication.class)
				.properties(settings)
				.run();
			replicas.add(replica);
			api.add(new ApiResponses(((WebServerApplicationContext) replica).getWebServer().getPort(), TOKEN));
		}
		awaitClusterMode();
	}

	@AfterAll
	static void stopReplicas() {
		replicas.forEach(ConfigurableApplicationContext::close);
		redis.close();
		simulator.close();
	}

	@BeforeEach
	void resetSimulator() {
		simulator.reset();
	}

	private static void awaitClusterMode() {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> replicas.stream().allMatch((replica) -> replica.getBean(RedisLink.class).up()));
	}

	@Test
	void aRecordFetchedThroughOneReplicaIsServedByTheOthersWithTheSameETag() {
		String id = RecordFactoryIds.of(0);

		ApiResponses.Response first = api.get(0).get("/api/v1/call-records/" + id);
		ApiResponses.Response second = api.get(1).get("/api/v1/call-records/" + id);
		ApiResponses.Response third = api.get(2).get("/api/v1/call-records/" + id);

		assertThat(List.of(first.status(), second.status(), third.status())).containsOnly(200);
		assertThat(first.header("ETag")).isNotBlank();
		assertThat(second.header("ETag")).isEqualTo(first.header("ETag"));
		assertThat(third.header("ETag")).isEqualTo(first.header("ETag"));
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(graphCalls(id)).hasSize(1);
	}

	@Test
	void aQualityReportIsTheSameFromTheReplicaThatFetchedAndFromTheSharedCache() {
		String id = RecordFactoryIds.of(4);

		ApiResponses.Response fetched = api.get(0).get("/api/v1/call-records/" + id + "/quality");
		ApiResponses.Response shared = api.get(1).get("/api/v1/call-records/" + id + "/quality");

		assertThat(fetched.status()).isEqualTo(200);
		assertThat(shared.status()).isEqualTo(200);
		assertThat(shared.body()).isEqualTo(fetched.body());
		assertThat(graphCalls(id)).hasSize(1);
	}

	@Test
	void identicalRequestsSpreadOverTheReplicasCauseOneGraphCall() {
		String id = RecordFactoryIds.of(1);
		// the fetch stays in flight while every request arrives
		simulator.faults().latency(Duration.ofMillis(500), 1);
		List<CompletableFuture<Integer>> statuses = new ArrayList<>();
		ExecutorService callers = Executors.newFixedThreadPool(30);
		try {
			for (int i = 0; i < 100; i++) {
				ApiResponses replica = api.get(i % 3);
				statuses.add(CompletableFuture.supplyAsync(() -> replica.get("/api/v1/call-records/" + id).status(),
						callers));
			}
			assertThat(statuses.stream().map(CompletableFuture::join).toList()).hasSize(100).containsOnly(200);
		}
		finally {
			callers.shutdownNow();
		}
		assertThat(graphCalls(id)).hasSize(1);
	}

	@Test
	void aThrottleOnOneReplicaStopsGraphCallsFromAllOfThemUntilRetryAfter() {
		String id = RecordFactoryIds.of(2);
		simulator.faults().throttle("record:" + id, "3");
		Map<String, String> noStore = Map.of("Cache-Control", "no-store");

		CompletableFuture<Integer> throttled = CompletableFuture
			.supplyAsync(() -> api.get(0).send("/api/v1/call-records/" + id, TOKEN, noStore).status());
		await().atMost(Duration.ofSeconds(30)).until(() -> !graphCalls(id).isEmpty());
		// the 429 is answered: the other replicas ask after it
		List<CompletableFuture<Integer>> others = List.of(
				CompletableFuture
					.supplyAsync(() -> api.get(1).send("/api/v1/call-records/" + id, TOKEN, noStore).status()),
				CompletableFuture
					.supplyAsync(() -> api.get(2).send("/api/v1/call-records/" + id, TOKEN, noStore).status()));

		assertThat(throttled.join()).isEqualTo(200);
		assertThat(others.stream().map(CompletableFuture::join).toList()).containsOnly(200);
		List<LoggedRequest> calls = graphCalls(id);
		// one 429, then one call per replica, none before Graph's Retry-After had passed
		assertThat(calls).hasSize(4);
		Instant throttledAt = calls.get(0).getLoggedDate().toInstant();
		assertThat(calls.subList(1, 4)).allSatisfy((call) -> assertThat(call.getLoggedDate().toInstant())
			.isAfterOrEqualTo(throttledAt.plusSeconds(3).minusMillis(50)));
	}

	@Test
	void aCursorFromOneReplicaContinuesOnAnother() {
		ApiResponses.Response first = api.get(0).get("/api/v1/call-records?pageSize=2");
		assertThat(first.status()).isEqualTo(200);
		String cursor = first.json().get("nextCursor").asString();

		ApiResponses.Response next = api.get(2)
			.get("/api/v1/call-records?cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));

		assertThat(next.status()).isEqualTo(200);
		assertThat(next.json().get("items").size()).isEqualTo(2);
		assertThat(next.json().get("items").get(0).get("id").asString())
			.isNotEqualTo(first.json().get("items").get(0).get("id").asString());
	}

	@Test
	void underLoadOnEveryReplicaGraphSeesTheWholeRecordBudgetAndNeverMore() {
		String id = RecordFactoryIds.of(3);
		Map<String, String> noStore = Map.of("Cache-Control", "no-store");
		long started = System.nanoTime();
		List<CompletableFuture<Integer>> statuses = new ArrayList<>();
		ExecutorService callers = Executors.newFixedThreadPool(12);
		try {
			for (int i = 0; i < 60; i++) {
				ApiResponses replica = api.get(i % 3);
				statuses.add(CompletableFuture
					.supplyAsync(() -> replica.send("/api/v1/call-records/" + id, TOKEN, noStore).status(), callers));
			}
			assertThat(statuses.stream().map(CompletableFuture::join).toList()).containsOnly(200, 503);
		}
		finally {
			callers.shutdownNow();
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		// the budget refills greedily: RECORD_BUDGET per 20 s
		long refilled = (long) Math.ceil(seconds * RECORD_BUDGET / 20.0);
		// more than the three replicas' local shares (1 each) together: the budget is
		// the cluster's; never more than it
		assertThat(graphCalls(id)).hasSizeGreaterThanOrEqualTo(RECORD_BUDGET)
			.hasSizeLessThanOrEqualTo(RECORD_BUDGET + (int) refilled);
	}

	@Test
	void redisStoppedDuringALoadRunFailsNoRequestAndClusterModeReturnsWhenItIsBack() throws Exception {
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger served = new AtomicInteger();
		Map<Integer, AtomicInteger> failures = new ConcurrentHashMap<>();
		ExecutorService callers = Executors.newFixedThreadPool(6);
		List<CompletableFuture<Void>> load = new ArrayList<>();
		for (int c = 0; c < 6; c++) {
			int caller = c;
			load.add(CompletableFuture.runAsync(() -> {
				for (int i = 0; running.get(); i++) {
					String id = RecordFactoryIds.of(10 + (caller * 7 + i) % 40);
					int status = api.get((caller + i) % 3).get("/api/v1/call-records/" + id).status();
					if (status == 200) {
						served.incrementAndGet();
					}
					else {
						failures.computeIfAbsent(status, (s) -> new AtomicInteger()).incrementAndGet();
					}
				}
			}, callers));
		}
		try {
			await().atMost(Duration.ofSeconds(60)).until(() -> served.get() >= 60);
			redis.stop();
			await().atMost(Duration.ofSeconds(60))
				.until(() -> replicas.stream().noneMatch((replica) -> replica.getBean(RedisLink.class).up()));
			int before = served.get();
			await().atMost(Duration.ofSeconds(60)).until(() -> served.get() >= before + 60);
			redis.restart();
			awaitClusterMode();
			int after = served.get();
			await().atMost(Duration.ofSeconds(60)).until(() -> served.get() >= after + 60);
		}
		finally {
			running.set(false);
			CompletableFuture.allOf(load.toArray(CompletableFuture[]::new)).get();
			callers.shutdownNow();
		}
		assertThat(failures).isEmpty();
		String health = api.get(1).getOutsideContract("/actuator/health/cluster").body();
		assertThat(health).contains("\"mode\":\"cluster\"").contains("\"redis\":\"up\"");
		assertThat(api.get(1).getOutsideContract("/actuator/health/readiness").status()).isEqualTo(200);
		MeterRegistry meters = replicas.get(1).getBean(MeterRegistry.class);
		assertThat(meters.get("cluster.mode").gauge().value()).isEqualTo(1);
		assertThat(meters.get("cluster.redis.lost").counter().count()).isPositive();
	}

	private static List<LoggedRequest> graphCalls(String id) {
		return simulator.graphRequests()
			.stream()
			.filter((request) -> request.getUrl().contains("/callRecords/" + id))
			.sorted((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()))
			.toList();
	}

	/** Records of the simulator's generated series, apart from the other tests'. */
	private static final class RecordFactoryIds {

		static String of(int i) {
			return io.callrecords.proxy.simulator.RecordFactory.seriesId(80 + i);
		}

	}

}
