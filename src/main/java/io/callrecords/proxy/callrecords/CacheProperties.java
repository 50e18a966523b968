package io.callrecords.proxy.callrecords;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The in-memory cache of call records. Bound from {@code callrecords.cache.*}, filled
 * from the {@code PROXY_CACHE_*} environment variables.
 *
 * @param enabled whether records fetched by id are cached
 * @param ttl how long a record is reused; short, because Microsoft adds versions for
 * hours after a call
 * @param settledAfter how long after a call's end a record counts as settled
 * @param settledTtl how long a settled record is reused
 * @param maxEntries the most records (each for one {@code include}/{@code fields} shape)
 * kept
 * @param failureTtl how long a record Graph failed to give (5xx, timeout, unreadable or
 * too large) is answered with that failure instead of asking Graph again; doubled for
 * each failure in a row; zero turns this off. Applies whether or not records are cached
 * @param failureMaxTtl the longest a failure is remembered
 */
@Validated
@ConfigurationProperties("callrecords.cache")
public record CacheProperties(@DefaultValue("true") boolean enabled, @DefaultValue("60s") @NotNull Duration ttl,
		@DefaultValue("24h") @NotNull Duration settledAfter, @DefaultValue("1h") @NotNull Duration settledTtl,
		@DefaultValue("5000") @Min(value = 1, message = "must be 1 to 1000000 (PROXY_CACHE_MAX_ENTRIES)") @Max(
				value = 1_000_000, message = "must be 1 to 1000000 (PROXY_CACHE_MAX_ENTRIES)") int maxEntries,
		@DefaultValue("10s") @NotNull Duration failureTtl, @DefaultValue("2m") @NotNull Duration failureMaxTtl) {

	@AssertTrue(
			message = "must be positive durations (PROXY_CACHE_TTL, PROXY_CACHE_SETTLED_AFTER, PROXY_CACHE_SETTLED_TTL)")
	boolean isDurationsValid() {
		return this.ttl.toMillis() > 0 && this.settledAfter.toMillis() > 0 && this.settledTtl.toMillis() > 0;
	}

	@AssertTrue(message = "must be 0 (off) or positive, and at most the maximum of 1h "
			+ "(PROXY_CACHE_FAILURE_TTL <= PROXY_CACHE_FAILURE_MAX_TTL <= 1h)")
	boolean isFailureDurationsValid() {
		return !this.failureTtl.isNegative() && this.failureMaxTtl.compareTo(this.failureTtl) >= 0
				&& this.failureMaxTtl.compareTo(Duration.ofHours(1)) <= 0;
	}

}
