package io.callrecords.proxy.cluster;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When cluster mode is on, and what stops the service at start: Redis without the key
 * that seals records, or a Redis Cluster. A Redis unreachable from the start is local
 * mode, not a failure.
 */
class ClusterConfigurationTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(ClusterConfiguration.class)
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void withoutARedisUrlTheReplicaStaysInLocalModeAndNeverTouchesRedis() {
		this.contexts.withBean(ClusterProperties.class, ClusterProperties::defaults).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(RedisLink.class).configured()).isFalse();
			assertThat(context.getBean(SharedCache.class).shared()).isFalse();
		});
	}

	@Test
	void redisWithoutTheKeyThatSealsRecordsStopsTheServiceAtStart() {
		this.contexts.withBean(ClusterProperties.class, ClusterProperties::defaults)
			.withPropertyValues("spring.data.redis.url=redis://127.0.0.1:6399")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("PROXY_CLUSTER_CACHE_KEY"));
	}

	@Test
	void aRedisClusterIsRefusedAtStart() {
		this.contexts.withBean(ClusterProperties.class, ClusterProperties::defaults)
			.withPropertyValues("spring.data.redis.host=redis", "spring.data.redis.cluster.nodes=redis:6379")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("Redis Cluster"));
	}

	@Test
	void aRedisUnreachableFromTheStartIsLocalModeSaidOnce() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		RedisClient client = RedisClient.create("redis://127.0.0.1:" + closedPort);
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		RedisLink link = new RedisLink(
				() -> client, new ClusterProperties(2, TestLinks.SECRET, "tests", Duration.ofMillis(500),
						Duration.ofMillis(100), Duration.ofSeconds(1), DataSize.ofMegabytes(1)),
				meters, Clock.systemUTC());
		try {
			link.probe();
			link.probe();

			assertThat(link.up()).isFalse();
			assertThat(link.status().redis()).isEqualTo("unreachable");
			assertThat(link.status().lastFailure()).isNotBlank();
			assertThat(meters.get("cluster.mode").gauge().value()).isZero();
			// never in cluster mode, so never lost
			assertThat(meters.get("cluster.redis.lost").counter().count()).isZero();
			assertThat(link.properties().toString()).doesNotContain(TestLinks.SECRET);
		}
		finally {
			link.stop();
			client.shutdown();
		}
	}

}
