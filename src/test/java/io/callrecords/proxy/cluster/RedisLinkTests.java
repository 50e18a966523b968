package io.callrecords.proxy.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The cluster building blocks on a real Redis: the link's fall back to local mode and
 * return, the sealed shared cache, the shared timers and the shared flights, with two
 * links standing for two replicas.
 */
class RedisLinkTests extends RealRedisTestSupport {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private RedisLink link(SimpleMeterRegistry meters) {
		return this.links.link(2, meters);
	}

	@Test
	void aReplicaFallsBackToLocalModeWhenRedisStopsAndReturnsWhenItIsBack() {
		RedisLink link = link(this.meters);
		assertThat(this.meters.get("cluster.mode").gauge().value()).isEqualTo(1);

		redis.stop();
		assertThatExceptionOfType(RedisUnavailableException.class)
			.isThrownBy(() -> link.command("test", (commands) -> commands.get("any")).block());
		assertThat(link.up()).isFalse();
		assertThat(this.meters.get("cluster.mode").gauge().value()).isZero();
		assertThat(this.meters.get("cluster.redis.lost").counter().count()).isEqualTo(1);
		assertThat(link.status().mode()).isEqualTo("local");
		assertThat(link.status().redis()).isEqualTo("unreachable");
		// in local mode Redis is not even asked
		assertThatExceptionOfType(RedisUnavailableException.class)
			.isThrownBy(() -> link.sync("test", (buckets) -> "never"));

		redis.restart();
		// the next probe connects anew: no waiting for a reconnection backoff
		link.probe();
		assertThat(link.up()).isTrue();
		assertThat(link.command("test", (commands) -> commands.set("k", new byte[] { 1 })).block()).isEqualTo("OK");
		assertThat(link.status().mode()).isEqualTo("cluster");
	}

	@Test
	void anAnswerToAProbeThatARequestOvertookDoesNotUndoTheRequestsFailure() {
		// no probe runs on its own here: the test plays the probe thread
		RedisLink link = new RedisLink(() -> null, ClusterProperties.defaults(), this.meters, Clock.systemUTC());
		assertThat(link.answered(link.failuresSoFar())).isTrue();

		// a probe asked while Redis was up; its answer is read only after a request
		// failed
		long asked = link.failuresSoFar();
		link.failed("test", new IllegalStateException("connection reset"));
		assertThat(link.answered(asked)).isFalse();
		assertThat(link.up()).isFalse();

		// a probe that asks after the failure and is answered brings cluster mode back
		assertThat(link.answered(link.failuresSoFar())).isTrue();
		assertThat(link.up()).isTrue();
	}

	@Test
	void aReplicaWithoutRedisStaysInLocalMode() {
		RedisLink link = RedisLink.none(ClusterProperties.defaults(), this.meters);
		link.start();

		assertThat(link.up()).isFalse();
		assertThat(link.status().redis()).isEqualTo("not configured");
		assertThat(SharedCache.create(link, this.meters).get("record", "a").blockOptional()).isEmpty();
	}

	@Test
	void theSharedCacheKeepsSealedValuesThatAnotherReplicaOpens() {
		SharedCache one = SharedCache.create(link(this.meters), this.meters);
		SharedCache other = SharedCache.create(link(new SimpleMeterRegistry()), this.meters);
		byte[] record = "{\"displayName\":\"Alex Wilber\"}".getBytes(StandardCharsets.UTF_8);

		one.put("record", "id-1|[]|[]", record, 3L, Duration.ofMinutes(1)).block();

		assertThat(other.get("record", "id-1|[]|[]").block()).isEqualTo(record);
		String keys = redis.command("KEYS *");
		assertThat(keys).contains("tests:v1:record:").doesNotContain("id-1");
		String stored = redis
			.command("GET " + keys.lines().filter((line) -> line.startsWith("tests:")).findFirst().get());
		assertThat(stored).doesNotContain("Alex").startsWith("$").contains("3:");
		assertThat(this.meters.get("cluster.cache.lookups").tag("result", "hit").counter().count()).isEqualTo(1);
	}

	@Test
	void theSharedCacheNeverReplacesANewerVersionAndIgnoresWhatItCannotOpen() {
		RedisLink link = link(this.meters);
		SharedCache cache = SharedCache.create(link, this.meters);
		cache.put("record", "r", "v5".getBytes(StandardCharsets.UTF_8), 5L, Duration.ofMinutes(1)).block();
		cache.put("record", "r", "v4".getBytes(StandardCharsets.UTF_8), 4L, Duration.ofMinutes(1)).block();
		assertThat(cache.get("record", "r").block()).asString(StandardCharsets.UTF_8).isEqualTo("v5");
		cache.put("record", "r", "v6".getBytes(StandardCharsets.UTF_8), 6L, Duration.ofMinutes(1)).block();
		assertThat(cache.get("record", "r").block()).asString(StandardCharsets.UTF_8).isEqualTo("v6");

		// sealed with another key: unreadable, as if absent
		SharedCache stranger = new SharedCache(link, new Sealer("another-cache-key-0123456789abcdefghijkl"),
				this.meters);
		stranger.put("record", "s", "theirs".getBytes(StandardCharsets.UTF_8), 1L, Duration.ofMinutes(1)).block();
		String strangersKey = "tests:v1:record:" + new Sealer("another-cache-key-0123456789abcdefghijkl").name("s");
		String ourKey = "tests:v1:record:" + new Sealer(TestLinks.SECRET).name("s");
		redis.command("RENAME " + strangersKey + " " + ourKey);
		assertThat(cache.get("record", "s").blockOptional()).isEmpty();
		assertThat(this.meters.get("cluster.cache.lookups").tag("result", "unreadable").counter().count()).isEqualTo(1);

		// too large for PROXY_CLUSTER_MAX_SHARED_ENTRY_SIZE (4 KB here), even compressed
		byte[] large = new byte[16 * 1024];
		new java.util.Random(1).nextBytes(large);
		cache.put("record", "large", large, 1L, Duration.ofMinutes(1)).block();
		assertThat(cache.get("record", "large").blockOptional()).isEmpty();
		assertThat(this.meters.get("cluster.cache.too.large").counter().count()).isEqualTo(1);
	}

	@Test
	void sharedTimersRunOnRedisClockAndAreNeverShortened() {
		SharedTimers one = new SharedTimers(link(this.meters));
		SharedTimers other = new SharedTimers(link(new SimpleMeterRegistry()));

		one.runFor("gate:scope:a", Duration.ofMinutes(2)).block();
		one.runFor("gate:scope:a", Duration.ofSeconds(10)).block();

		assertThat(other.remaining("gate:scope:a", "gate:app").block()).isGreaterThan(Duration.ofSeconds(100));
		assertThat(other.remaining("gate:scope:b", "gate:app").block()).isZero();
	}

	@Test
	void identicalFetchesOnTwoReplicasAreOneFetch() {
		SharedCache cacheOne = SharedCache.create(link(this.meters), this.meters);
		SharedCache cacheTwo = SharedCache.create(link(new SimpleMeterRegistry()), this.meters);
		SharedFlights one = new SharedFlights(cacheOne, Duration.ofSeconds(5), this.meters);
		SharedFlights two = new SharedFlights(cacheTwo, Duration.ofSeconds(5), this.meters);
		AtomicInteger fetches = new AtomicInteger();
		List<Mono<String>> reads = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			SharedFlights flights = (i % 2 == 0) ? one : two;
			SharedCache cache = (i % 2 == 0) ? cacheOne : cacheTwo;
			reads.add(
					flights
						.run("r", () -> cache.get("record", "r").map(String::new),
								() -> Mono.fromRunnable(fetches::incrementAndGet)
									.then(Mono.delay(Duration.ofMillis(200)))
									.then(cache.put("record", "r", "fetched".getBytes(StandardCharsets.UTF_8), 1L,
											Duration.ofMinutes(1)))
									.thenReturn("fetched"))
						.subscribeOn(Schedulers.parallel()));
		}

		List<String> results = Flux.merge(reads).collectList().block(Duration.ofSeconds(60));

		assertThat(results).hasSize(20).containsOnly("fetched");
		assertThat(fetches).hasValue(1);
		assertThat(this.meters.get("cluster.flight.waits").tag("outcome", "shared").timer().count()).isPositive();
	}

	@Test
	void aFetchWhoseReplicaDiedIsTakenOverWhenItsLeaseEnds() {
		SharedCache cache = SharedCache.create(link(this.meters), this.meters);
		SharedFlights flights = new SharedFlights(cache, Duration.ofSeconds(1), this.meters);
		// a replica took the lease and died
		assertThat(cache.lease("r", "dead-replica/1").block()).isTrue();

		String result = flights.run("r", () -> cache.get("record", "r").map(String::new), () -> Mono.just("mine"))
			.block(Duration.ofSeconds(60));

		assertThat(result).isEqualTo("mine");
		assertThat(this.meters.get("cluster.flight.waits").tag("outcome", "took_over").timer().count()).isEqualTo(1);
	}

}
