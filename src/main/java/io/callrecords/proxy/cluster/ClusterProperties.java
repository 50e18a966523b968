package io.callrecords.proxy.cluster;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How replicas act as one service. Cluster mode is on when Spring Boot's Redis settings
 * name a server ({@code SPRING_DATA_REDIS_URL}, or {@code SPRING_DATA_REDIS_HOST}). Bound
 * from {@code callrecords.cluster.*}, filled from the {@code PROXY_CLUSTER_*} environment
 * variables.
 *
 * @param replicas the most replicas that run at once: in local mode (no Redis, or Redis
 * unreachable) each replica uses this share of each Graph budget and caller quota
 * @param cacheKey the secret that seals call records in Redis (AES-256-GCM, at least 32
 * characters); required in cluster mode
 * @param keyPrefix the namespace of the service's keys in Redis, so that several
 * deployments may share one Redis
 * @param redisTimeout the longest a Redis command may take before the replica falls back
 * to local mode
 * @param probeInterval how often a replica in local mode tries Redis again
 * @param lease how long a replica fetching a record holds the lease that makes other
 * replicas wait for its result; a fetch whose replica died is taken over after it
 * @param maxSharedEntrySize the largest sealed record kept in Redis; larger ones stay in
 * each replica's own cache
 */
@Validated
@ConfigurationProperties("callrecords.cluster")
public record ClusterProperties(
		@DefaultValue("1") @Min(value = 1, message = "must be 1 to 100 (PROXY_CLUSTER_REPLICAS)") @Max(
				value = 100, message = "must be 1 to 100 (PROXY_CLUSTER_REPLICAS)") int replicas,
		@Nullable String cacheKey,
		@DefaultValue("callrecords-proxy") @NotNull @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}",
				message = "must be 1 to 64 letters, digits, '_', '.' or '-' (PROXY_CLUSTER_KEY_PREFIX)") String keyPrefix,
		@DefaultValue("500ms") @NotNull Duration redisTimeout, @DefaultValue("1s") @NotNull Duration probeInterval,
		@DefaultValue("5s") @NotNull Duration lease, @DefaultValue("1MB") @NotNull DataSize maxSharedEntrySize) {

	@AssertTrue(message = "must be at least 32 characters (PROXY_CLUSTER_CACHE_KEY)")
	boolean isCacheKeyValid() {
		return this.cacheKey == null || this.cacheKey.isEmpty() || this.cacheKey.length() >= 32;
	}

	@AssertTrue(
			message = "must be 10ms to 1s, so that a replica falls back within a second (PROXY_CLUSTER_REDIS_TIMEOUT)")
	boolean isRedisTimeoutValid() {
		return this.redisTimeout.toMillis() >= 10 && this.redisTimeout.compareTo(Duration.ofSeconds(1)) <= 0;
	}

	@AssertTrue(message = "must be 100ms to 1m (PROXY_CLUSTER_PROBE_INTERVAL)")
	boolean isProbeIntervalValid() {
		return this.probeInterval.toMillis() >= 100 && this.probeInterval.compareTo(Duration.ofMinutes(1)) <= 0;
	}

	@AssertTrue(message = "must be 1s to 5m (PROXY_CLUSTER_LEASE)")
	boolean isLeaseValid() {
		return this.lease.toMillis() >= 1000 && this.lease.compareTo(Duration.ofMinutes(5)) <= 0;
	}

	@AssertTrue(message = "must be 1KB to 64MB (PROXY_CLUSTER_MAX_SHARED_ENTRY_SIZE)")
	boolean isMaxSharedEntrySizeValid() {
		return this.maxSharedEntrySize.toKilobytes() >= 1 && this.maxSharedEntrySize.toMegabytes() <= 64;
	}

	@Override
	public String toString() {
		return "ClusterProperties[replicas=" + this.replicas + ", cacheKey=" + ((this.cacheKey != null) ? "****" : null)
				+ ", keyPrefix=" + this.keyPrefix + ", redisTimeout=" + this.redisTimeout + ", probeInterval="
				+ this.probeInterval + ", lease=" + this.lease + ", maxSharedEntrySize=" + this.maxSharedEntrySize
				+ "]";
	}

	/**
	 * The defaults, as without any {@code PROXY_CLUSTER_*} variable.
	 * @return the defaults
	 */
	public static ClusterProperties defaults() {
		return new ClusterProperties(1, null, "callrecords-proxy", Duration.ofMillis(500), Duration.ofSeconds(1),
				Duration.ofSeconds(5), DataSize.ofMegabytes(1));
	}

	/**
	 * A replica's share of a cluster-wide limit, in local mode.
	 * @param limit the cluster-wide limit
	 * @return the limit divided by the replicas, at least 1
	 */
	public int localShare(int limit) {
		return Math.max(1, limit / this.replicas);
	}

}
