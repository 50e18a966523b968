package io.callrecords.proxy.callrecords;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
import java.util.concurrent.atomic.AtomicLong;

import io.callrecords.proxy.MovableClock;
import io.callrecords.proxy.cluster.SharedCache;
import io.callrecords.proxy.cluster.SharedFlights;
import io.callrecords.proxy.graph.CallRecordRequest;
import io.callrecords.proxy.cluster.SharedCache;
import io.callrecords.proxy.cluster.SharedFlights;
import io.callrecords.proxy.graph.GraphCallRecord;
import io.callrecords.proxy.cluster.SharedCache;
import io.callrecords.proxy.cluster.SharedFlights;
import io.callrecords.proxy.graph.GraphClient;
import io.callrecords.proxy.cluster.SharedCache;
import io.callrecords.proxy.cluster.SharedFlights;
import io.callrecords.proxy.graph.GraphCollection;
import io.callrecords.proxy.cluster.SharedCache;
import io.callrecords.proxy.cluster.SharedFlights;
import io.callrecords.proxy.graph.GraphPage;
import io.callrecords.proxy.cluster.SharedCache;
import io.callrecords.proxy.cluster.SharedFlights;
import io.callrecords.proxy.graph.GraphParticipant;
import io.callrecords.proxy.cluster.SharedCache;
import io.callrecords.proxy.cluster.SharedFlights;
import io.callrecords.proxy.graph.GraphSession;
import io.callrecords.proxy.cluster.SharedCache;
import io.callrecords.proxy.cluster.SharedFlights;
import io.callrecords.proxy.graph.PageLink;
import io.callrecords.proxy.cluster.SharedCache;
import io.callrecords.proxy.cluster.SharedFlights;
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

	private final MovableClock clock = new MovableClock();

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

	@Test
	void noCacheOrMaxAgeZeroRevalidatesWithGraphAndRefreshesTheCopy() {
		for (String directive : List.of("no-cache", "max-age=0", "private, NO-CACHE")) {
			CallRecordReads service = service(true);
			String id = UUID.randomUUID().toString();
			assertThat(read(service, id, CacheDirectives.NONE).version()).isEqualTo(1);
			this.graph.version.set(2);

			assertThat(read(service, id, CacheDirectives.NONE).version()).as("cached").isEqualTo(1);
			assertThat(read(service, id, CacheDirectives.parse(directive, null)).version()).as(directive).isEqualTo(2);
			assertThat(read(service, id, CacheDirectives.NONE).version()).as("refreshed").isEqualTo(2);
			assertThat(this.graph.calls).hasValue(2);
			this.graph.calls.set(0);
			this.graph.version.set(1);
		}
	}

	@Test
	void noStoreBypassesTheCacheAndLeavesItsCopyAlone() {
		CallRecordReads service = service(true);
		String id = UUID.randomUUID().toString();
		read(service, id, CacheDirectives.NONE);
		this.graph.version.set(2);

		assertThat(read(service, id, CacheDirectives.parse("no-store", null)).version()).isEqualTo(2);
		assertThat(read(service, id, CacheDirectives.NONE).version()).isEqualTo(1);
		assertThat(this.graph.calls).hasValue(2);
	}

	@Test
	void maxAgeAcceptsACopyNoOlderAndSaysHowOldItIs() {
		CallRecordReads service = service(true);
		String id = UUID.randomUUID().toString();
		read(service, id, CacheDirectives.NONE);
		this.clock.advance(Duration.ofSeconds(30));

		CallRecordCache.Tagged cached = read(service, id, CacheDirectives.parse("max-age=60", null));
		assertThat(this.graph.calls).hasValue(1);
		assertThat(service.age(cached)).isEqualTo(Duration.ofSeconds(30));
		CallRecordCache.Tagged fetched = read(service, id, CacheDirectives.parse("max-age=10", null));
		assertThat(this.graph.calls).hasValue(2);
		assertThat(service.age(fetched)).isZero();
	}

	@Test
	void pragmaNoCacheCountsOnlyWithoutCacheControl() {
		assertThat(CacheDirectives.parse(null, "no-cache").maxAge()).isZero();
		assertThat(CacheDirectives.parse("max-age=5", "no-cache").maxAge()).isEqualTo(Duration.ofSeconds(5));
		assertThat(CacheDirectives.parse("max-age=oops", null)).isEqualTo(CacheDirectives.NONE);
		assertThat(CacheDirectives.parse("max-age=99999999999999", null).maxAge()).isPositive();
	}

	private static CallRecordCache.Tagged read(CallRecordReads service, String id, CacheDirectives directives) {
		return service.getCallRecord(query(id), "request", directives).block(Duration.ofSeconds(10));
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
				new CallRecordCache(cache, new SimpleMeterRegistry(), this.clock), new ApiProperties(null, 5000, false),
				new RecordFailures(cache, new SimpleMeterRegistry(), this.clock), new SharedFlights(
						SharedCache.none(new SimpleMeterRegistry()), Duration.ofSeconds(5), new SimpleMeterRegistry()));
	}

	/** A Graph that answers every record at once and counts the records it was asked. */
	private static final class CountingGraph implements GraphClient {

		private final AtomicInteger calls = new AtomicInteger();

		private final AtomicLong version = new AtomicLong(1);

		@Override
		public Mono<GraphCallRecord> getCallRecord(CallRecordRequest request) {
			return Mono.fromCallable(() -> {
				this.calls.incrementAndGet();
				return new GraphCallRecord(request.callRecordId(), this.version.get(), "groupCall", null, null, null,
						null, null, null, null, null, null, null, false, false);
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
