package io.callrecords.proxy.web;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.callrecords.proxy.graph.GraphIds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ids of requests that bring none: GUIDs as Graph's clients send them, never the same
 * twice.
 */
class ApiCallTests {

	@Test
	void freshIdsAreRandomVersion4UuidsInLowerCase() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 100_000; i++) {
			String id = ApiCall.freshId();
			UUID uuid = UUID.fromString(id);
			assertThat(uuid.version()).isEqualTo(4);
			assertThat(uuid.variant()).isEqualTo(2);
			assertThat(id).isEqualTo(uuid.toString()).matches("[0-9a-f-]{36}");
			assertThat(GraphIds.isGuid(id)).isTrue();
			ids.add(id);
		}
		assertThat(ids).hasSize(100_000);
	}

	@Test
	void threadsNeverDrawTheSameId() throws InterruptedException {
		Set<String> ids = ConcurrentHashMap.newKeySet();
		ExecutorService threads = Executors.newFixedThreadPool(8);
		IntStream.range(0, 2_000).forEach((i) -> threads.execute(() -> {
			for (int j = 0; j < 10; j++) {
				ids.add(ApiCall.freshId());
			}
		}));
		threads.shutdown();
		assertThat(threads.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
		assertThat(ids).hasSize(20_000);
	}

}
