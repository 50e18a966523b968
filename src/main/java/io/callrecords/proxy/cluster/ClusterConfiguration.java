package io.callrecords.proxy.cluster;

import java.time.Clock;

import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.StringUtils;

/**
 * Wires cluster mode: on when {@code spring.data.redis.url} or {@code .host} is set, with
 * the Lettuce client Spring Boot configures from {@code spring.data.redis.*}; otherwise a
 * link that stays in local mode and never touches Redis.
 */
@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

	@Bean
	RedisLink redisLink(ClusterProperties properties, Environment environment,
			ObjectProvider<LettuceConnectionFactory> connectionFactory, MeterRegistry meters) {
		if (!configured(environment)) {
			return RedisLink.none(properties, meters);
		}
		if (StringUtils.hasText(environment.getProperty("spring.data.redis.cluster.nodes"))) {
			throw new IllegalStateException("Redis Cluster (spring.data.redis.cluster.nodes) is not supported: "
					+ "use a standalone, replicated or Sentinel-managed Redis (SPRING_DATA_REDIS_URL)");
		}
		if (!StringUtils.hasText(properties.cacheKey())) {
			throw new IllegalStateException("PROXY_CLUSTER_CACHE_KEY (at least 32 characters) must be set when Redis "
					+ "is configured: call records are sealed with it before they are kept in Redis");
		}
		LettuceConnectionFactory factory = connectionFactory.getObject();
		return new RedisLink(factory::getNativeClient, properties, meters, Clock.systemUTC());
	}

	static boolean configured(Environment environment) {
		return StringUtils.hasText(environment.getProperty("spring.data.redis.url"))
				|| StringUtils.hasText(environment.getProperty("spring.data.redis.host"));
	}

	@Bean
	SharedCache sharedCache(RedisLink link, MeterRegistry meters) {
		return SharedCache.create(link, meters);
	}

	@Bean
	SharedFlights sharedFlights(SharedCache cache, RedisLink link, MeterRegistry meters) {
		return new SharedFlights(cache, link.properties().lease(), meters);
	}

	@Bean
	SharedTimers sharedTimers(RedisLink link) {
		return new SharedTimers(link);
	}

	@Bean
	ClusterHealth clusterModeHealthIndicator(RedisLink link) {
		return new ClusterHealth(link);
	}

	/**
	 * Commands fail at once while the connection is down, instead of queueing until it is
	 * back: the replica then works in local mode.
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
		return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

}
