package io.callrecords.proxy.graph;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the service retries Graph and bounds the time a caller waits. Bound from
 * {@code callrecords.graph.resilience.*}, filled from the {@code GRAPH_*} environment
 * variables. The circuit breaker, the bulkhead and the request budgets are Resilience4j
 * instances configured under {@code resilience4j.*} in {@code application.yaml}.
 *
 * @param maxAttempts Graph calls per request, first attempt included, for 429, 503, 504
 * and connection failures
 * @param initialBackoff the first wait when Graph gives no {@code Retry-After}; doubled
 * each time with random jitter
 * @param maxBackoff the longest such wait
 * @param requestTimeout the deadline of one inbound request: every Graph call, retry and
 * wait of the request must fit, or the caller is answered at once (503 with
 * {@code Retry-After}, or 504)
 * @param appThrottleScopes after 429s on this many different records or lists within 20
 * seconds, the whole app is treated as throttled until the longest {@code Retry-After}
 */
@Validated
@ConfigurationProperties("callrecords.graph.resilience")
public record GraphResilienceProperties(
		@DefaultValue("4") @Min(value = 1, message = "must be 1 to 10 (GRAPH_RETRY_MAX_ATTEMPTS)") @Max(value = 10,
				message = "must be 1 to 10 (GRAPH_RETRY_MAX_ATTEMPTS)") int maxAttempts,
		@DefaultValue("500ms") @NotNull Duration initialBackoff, @DefaultValue("8s") @NotNull Duration maxBackoff,
		@DefaultValue("20s") @NotNull Duration requestTimeout, @DefaultValue("3") @Min(value = 1,
				message = "must be at least 1 (GRAPH_APP_THROTTLE_SCOPES)") int appThrottleScopes) {

	@AssertTrue(message = "backoffs and the request timeout must be positive, initialBackoff <= maxBackoff "
			+ "(GRAPH_RETRY_INITIAL_BACKOFF, GRAPH_RETRY_MAX_BACKOFF, GRAPH_REQUEST_TIMEOUT)")
	boolean isDurationsValid() {
		return this.initialBackoff.toMillis() > 0 && this.maxBackoff.compareTo(this.initialBackoff) >= 0
				&& this.requestTimeout.toMillis() > 0;
	}

}
