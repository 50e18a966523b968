package io.callrecords.proxy.cluster;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code clusterMode} health detail (in the {@code cluster} group): the replica's
 * mode and Redis's state. Always up: a replica in local mode serves every request, so
 * Redis's trouble must not take it out of its Service (readiness) or restart it
 * (liveness).
 */
class ClusterHealth implements HealthIndicator {

	private final RedisLink link;

	ClusterHealth(RedisLink link) {
		this.link = link;
	}

	@Override
	public Health health() {
		RedisLink.Status status = this.link.status();
		Health.Builder health = Health.up()
			.withDetail("mode", status.mode())
			.withDetail("redis", status.redis())
			.withDetail("since", status.since().toString());
		if (status.lastFailure() != null) {
			health.withDetail("lastFailure", status.lastFailure());
		}
		return health.build();
	}

}
