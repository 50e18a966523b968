package io.callrecords.proxy.callrecords;

import java.time.Clock;
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
import io.callrecords.proxy.graph.GraphCallRecord;
import io.callrecords.proxy.graph.GraphClient;
import io.callrecords.proxy.graph.GraphCollection;
import io.callrecords.proxy.graph.GraphPage;
import io.callrecords.proxy.graph.GraphParticipant;
import io.callrecords.proxy.graph.GraphSession;
import io.callrecords.proxy.graph.PageLink;
import io.callrecords.proxy.graph.PageRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coalescing of identical record requests in the service, against a Graph that answers at
 * once: the tightest race between a fetch finishing and another request arriving.
 */
class CallRecordReadsTests {

	private final CountingGraph graph = new CountingGraph();

	private final ExecutorService callers = Executors.newFixedThreadPool(8);

	@AfterEach
	void stopCallers() {
		this.callers.shutdownNow();
	}

	@Test
	void identicalRequestsRacingAFetchThatFinishesCostOneGraphCallWhenTheCacheIsOn() throws Exception {
		CallRecordReads service = service(true);
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
		CallRecordReads service = service(false);
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

	private CallRecordReads service(boolean cacheEnabled) {
		CacheProperties cache = new CacheProperties(cacheEnabled, Duration.ofMinutes(5), Duration.ofHours(24),
				Duration.ofHours(1), 1000, Duration.ofSeconds(10), Duration.ofMinutes(2));
		return new CallRecordReads(this.graph, new CallRecordMapper("contoso.example"),
				new CallRecordCache(cache, new SimpleMeterRegistry()), new ApiProperties(null, 5000, false),
				new RecordFailures(cache, new SimpleMeterRegistry(), Clock.systemUTC()));
	}

	/** A Graph that answers every record at once and counts the records it was asked. */
	private static final class CountingGraph implements GraphClient {

		private final AtomicInteger calls = new AtomicInteger();

		@Override
		public Mono<GraphCallRecord> getCallRecord(CallRecordRequest request) {
			return Mono.fromCallable(() -> {
				this.calls.incrementAndGet();
				return new GraphCallRecord(request.callRecordId(), 1L, "groupCall", null, null, null, null, null, null,
						null, null, null, null, false, false);
			});
		}

		@Override
		public Mono<GraphPage<GraphCallRecord>> listCallRecords(PageRequest request) {
			return Mono.error(new UnsupportedOperationException("no pages in this test"));
		}

		@Override
		public Mono<GraphPage<GraphSession>> listSessions(PageRequest request) {
			return Mono.error(new UnsupportedOperationException("no pages in this test"));
		}

		@Override
		public Mono<GraphPage<GraphParticipant>> listParticipants(PageRequest request) {
			return Mono.error(new UnsupportedOperationException("no pages in this test"));
		}

		@Override
		public Mono<GraphPage<io.callrecords.proxy.graph.GraphPstnCallRow>> listPstnCalls(PageRequest request) {
			return Mono.error(new UnsupportedOperationException("no pages in this test"));
		}

		@Override
		public Mono<GraphPage<io.callrecords.proxy.graph.GraphDirectRoutingRow>> listDirectRoutingCalls(
				PageRequest request) {
			return Mono.error(new UnsupportedOperationException("no pages in this test"));
		}

		@Override
		public @Nullable PageLink pageLink(String link, GraphCollection collection, @Nullable String callRecordId) {
			return null;
		}

	}

}
