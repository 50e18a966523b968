package io.callrecords.proxy.callrecords;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.callrecords.proxy.ApiResponses.Response;
import io.callrecords.proxy.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The record cache and request coalescing, with the cache on and a five-second lifetime
 * for every record (a context of its own: the other integration tests run with the cache
 * off).
 */
@TestPropertySource(
		properties = { "PROXY_CACHE_ENABLED=true", "PROXY_CACHE_TTL=5s", "PROXY_CACHE_SETTLED_AFTER=36500d" })
class CacheIntegrationTests extends IntegrationTestSupport {

	private static final String PATH = "/api/v1/call-records/";

	@Test
	void aRepeatedRequestIsServedFromTheCacheWithItsETag() {
		String id = seriesRecord(40);
		double hits = cacheGets("hit");
		double misses = cacheGets("miss");
		Response first = this.api.get(PATH + id);
		Response second = this.api.get(PATH + id);

		assertThat(second.body()).isEqualTo(first.body());
		assertThat(second.header("ETag")).isEqualTo(first.header("ETag")).startsWith("W/\"v1-");
		assertThat(simulator.graphRequests()).hasSize(1);
		assertThat(cacheGets("hit") - hits).isEqualTo(1);
		assertThat(cacheGets("miss") - misses).isEqualTo(1);
		assertThat(this.api.getOutsideContract("/actuator/prometheus").body())
			.contains("cache_gets_total{cache=\"callrecords\",result=\"hit\"}")
			.containsPattern("cache_evictions_total\\{cache=\"callrecords\"");
	}

	private double cacheGets(String result) {
		return count("cache.gets", "cache", "callrecords", "result", result);
	}

	@Test
	void eachShapeIsCachedApartAndNeverServedForAnother() {
		String id = seriesRecord(41);
		Response plain = this.api.get(PATH + id);
		Response participants = this.api.get(PATH + id + "?include=participants");
		Response typeOnly = this.api.get(PATH + id + "?fields=type");
		Response plainAgain = this.api.get(PATH + id);

		assertThat(simulator.graphRequests()).hasSize(3);
		assertThat(plain.json().has("participants")).isFalse();
		assertThat(participants.json().get("participants")).hasSize(2);
		assertThat(typeOnly.json().propertyNames()).containsExactlyInAnyOrder("id", "type");
		assertThat(plainAgain.body()).isEqualTo(plain.body());
		assertThat(List.of(plain.header("ETag"), participants.header("ETag"), typeOnly.header("ETag")))
			.doesNotHaveDuplicates();
	}

	@Test
	void ifNoneMatchWithTheCurrentETagIsNotModifiedAndANewVersionReplacesTheOld() {
		String id = seriesRecord(42);
		String etag = this.api.get(PATH + id).header("ETag");

		Response notModified = this.api.send(PATH + id, CALLER_TOKEN, Map.of("If-None-Match", etag));
		assertThat(notModified.status()).isEqualTo(304);
		assertThat(notModified.body()).isEmpty();
		assertThat(simulator.graphRequests()).hasSize(1);

		ObjectNode original = (ObjectNode) simulator.record(id);
		ObjectNode updated = original.deepCopy();
		updated.put("version", 2);
		simulator.addRecord(updated);
		try {
			await().atMost(Duration.ofSeconds(15))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> this.api.send(PATH + id, CALLER_TOKEN, Map.of("If-None-Match", etag)).status() == 200);
			Response newer = this.api.get(PATH + id);
			assertThat(newer.json().get("version").asLong()).isEqualTo(2);
			assertThat(newer.header("ETag")).startsWith("W/\"v2-").isNotEqualTo(etag);
		}
		finally {
			simulator.addRecord(original);
		}
	}

	@Test
	void answersSayHowFreshTheyAreNoCacheRevalidatesAndNoStoreGoesToGraph() {
		// the cache's counts under virtual time are in CallRecordReadsTests
		String id = seriesRecord(44);
		Response first = this.api.get(PATH + id);
		assertThat(first.header("Cache-Control")).contains("private", "max-age=").doesNotContain("no-store");
		assertThat(first.header("Age")).isNotNull();
		String etag = first.header("ETag");

		ObjectNode original = (ObjectNode) simulator.record(id);
		ObjectNode updated = original.deepCopy();
		updated.put("version", 2);
		simulator.addRecord(updated);
		try {
			Response revalidated = this.api.send(PATH + id, CALLER_TOKEN,
					Map.of("If-None-Match", etag, "Cache-Control", "no-cache"));
			assertThat(revalidated.status()).isEqualTo(200);
			assertThat(revalidated.header("ETag")).startsWith("W/\"v2-");
			assertThat(this.api.get(PATH + id).header("ETag")).as("the refreshed copy")
				.isEqualTo(revalidated.header("ETag"));
			int before = simulator.graphRequests().size();
			Response unstored = this.api.send(PATH + id, CALLER_TOKEN, Map.of("Cache-Control", "no-store"));
			assertThat(unstored.status()).isEqualTo(200);
			assertThat(unstored.header("Cache-Control")).contains("no-cache");
			assertThat(simulator.graphRequests()).hasSize(before + 1);
		}
		finally {
			simulator.addRecord(original);
		}
	}

	@Test
	void aHundredConcurrentIdenticalRequestsCauseOneGraphCall() {
		String id = seriesRecord(43);
		assertThat(this.api.concurrently(100, PATH + id)).containsOnly(200);
		assertThat(simulator.graphRequests()).hasSize(1);
	}

}
