package io.callrecords.proxy.callrecords;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.callrecords.proxy.graph.CallRecordRequest;
import io.callrecords.proxy.graph.GraphClient;
import io.callrecords.proxy.graph.GraphCollection;
import io.callrecords.proxy.graph.GraphPage;
import io.callrecords.proxy.graph.GraphProperties;
import io.callrecords.proxy.graph.GraphResilienceProperties;
import io.callrecords.proxy.graph.PageRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coalescing of identical record requests in the service, against a Graph that answers at
 * once: the tightest race between a fetch finishing and another request arriving.
 */
class CallRecordServiceCoalescingTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final CountingGraph graph = new CountingGraph();

	private final ExecutorService callers = Executors.newFixedThreadPool(8);

	@AfterEach
	void stopCallers() {
		this.callers.shutdownNow();
	}

	@Test
	void identicalRequestsRacingAFetchThatFinishesCostOneGraphCallWhenTheCacheIsOn() throws Exception {
		CallRecordService service = service(true);
		int rounds = 200;
		for (int round = 0; round < rounds; round++) {
			String id = UUID.randomUUID().toString();
			assertThat(concurrently(8, () -> service.getCallRecord(query(id), "request").block(Duration.ofSeconds(10))))
				.hasSize(8)
				.allSatisfy((tagged) -> assertThat(tagged.record().id()).isEqualTo(id));
		}
		assertThat(this.graph.calls).hasValue(rounds);
	}

	@Test
	void withTheCacheOffALaterRequestGoesToGraphAgain() throws Exception {
		CallRecordService service = service(false);
		String id = UUID.randomUUID().toString();
		service.getCallRecord(query(id), "request").block(Duration.ofSeconds(10));
		service.getCallRecord(query(id), "request").block(Duration.ofSeconds(10));
		assertThat(this.graph.calls).hasValue(2);
	}

	private List<CallRecordCache.Tagged> concurrently(int callers, Callable<CallRecordCache.Tagged> call)
			throws Exception {
		CyclicBarrier start = new CyclicBarrier(callers);
		List<CompletableFuture<CallRecordCache.Tagged>> results = new ArrayList<>();
		for (int i = 0; i < callers; i++) {
			results.add(CompletableFuture.supplyAsync(() -> {
				try {
					start.await(10, TimeUnit.SECONDS);
					return call.call();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}, this.callers));
		}
		List<CallRecordCache.Tagged> answers = new ArrayList<>();
		for (CompletableFuture<CallRecordCache.Tagged> result : results) {
			answers.add(result.get(10, TimeUnit.SECONDS));
		}
		return answers;
	}

	private static CallRecordQuery query(String id) {
		return CallRecordQuery.parse(id, null, null);
	}

	private CallRecordService service(boolean cacheEnabled) {
		GraphProperties graphProperties = new GraphProperties("contoso.example", "client", null, null, null,
				URI.create("http://localhost"), URI.create("http://localhost/v1.0"), null, Duration.ofSeconds(1),
				Duration.ofSeconds(1), DataSize.ofMegabytes(1));
		GraphResilienceProperties resilience = new GraphResilienceProperties(1, Duration.ofMillis(100),
				Duration.ofMillis(100), Duration.ofSeconds(10), 3);
		CacheProperties cache = new CacheProperties(cacheEnabled, Duration.ofMinutes(5), Duration.ofHours(24),
				Duration.ofHours(1), 1000);
		return new CallRecordService(this.graph, graphProperties, resilience, new ApiProperties(null, 5000), cache,
				new SimpleMeterRegistry());
	}

	/** A Graph that answers every record at once and counts the records it was asked. */
	private static final class CountingGraph implements GraphClient {

		private final AtomicInteger calls = new AtomicInteger();

		@Override
		public Mono<JsonNode> getCallRecord(CallRecordRequest request) {
			return Mono.fromCallable(() -> {
				this.calls.incrementAndGet();
				return json
					.readTree("{\"id\":\"" + request.callRecordId() + "\",\"version\":1,\"type\":\"groupCall\"}");
			});
		}

		@Override
		public Mono<GraphPage> getPage(PageRequest request) {
			return Mono.error(new UnsupportedOperationException("no pages in this test"));
		}

		@Override
		public boolean isLinkTo(URI link, GraphCollection collection, @Nullable String callRecordId) {
			return false;
		}

	}

}
