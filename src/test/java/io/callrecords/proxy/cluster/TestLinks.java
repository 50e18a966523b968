package io.callrecords.proxy.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.callrecords.proxy.RedisServer;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.util.unit.DataSize;

import static org.awaitility.Awaitility.await;

/**
 * Links to a test's Redis, each standing for one replica; closed together.
 */
public final class TestLinks implements AutoCloseable {

	/** The cache key of the tests. */
	public static final String SECRET = "cluster-tests-cache-key-0123456789abcdef";

	private final RedisServer redis;

	private final List<RedisLink> links = new ArrayList<>();

	private final List<RedisClient> clients = new ArrayList<>();

	/**
	 * Links to a Redis.
	 * @param redis the Redis
	 */
	public TestLinks(RedisServer redis) {
		this.redis = redis;
	}

	/**
	 * A started link in cluster mode.
	 * @param replicas {@code PROXY_CLUSTER_REPLICAS}
	 * @param meters where its meters go
	 * @return the link, once Redis answered it
	 */
	public RedisLink link(int replicas, MeterRegistry meters) {
		RedisClient client = RedisClient.create(this.redis.url());
		client.setOptions(ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.build());
		this.clients.add(client);
		ClusterProperties properties = new ClusterProperties(replicas, SECRET, "tests", Duration.ofSeconds(1),
				Duration.ofMillis(100), Duration.ofSeconds(1), DataSize.ofKilobytes(4));
		RedisLink link = new RedisLink(() -> client, properties, meters, Clock.systemUTC());
		link.start();
		this.links.add(link);
		await().atMost(Duration.ofSeconds(30)).until(link::up);
		return link;
	}

	@Override
	public void close() {
		this.links.forEach(RedisLink::stop);
		this.clients.forEach(RedisClient::shutdown);
	}

}
