package io.callrecords.proxy.callrecords;

import io.callrecords.proxy.graph.GraphProperties.Secret;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the internal API. Bound from {@code callrecords.api.*}, which the
 * {@code PROXY_*} environment variables set (the table is {@code EnvironmentAliases});
 * the defaults are the ones here.
 *
 * @param cursorKey the secret that seals paging cursors (at least 32 characters). When
 * unset, each process makes a random key at start: cursors then work only on the replica
 * that issued them and only until it restarts, so set it when running more than one
 * replica
 * @param maxExpandedItems how many participants, and how many sessions, a record fetched
 * with {@code include} carries at most; beyond it the record says it was truncated
 * @param maskPhoneNumbers whether the PSTN and Direct Routing call logs answer phone
 * numbers with all but their last four digits replaced by {@code *} (they are personal
 * data); off by default. Only {@code true} or {@code false} are accepted
 */
@Validated
@ConfigurationProperties("callrecords.api")
public record ApiProperties(@Nullable Secret cursorKey,
		@DefaultValue("5000") @Min(value = 1, message = "must be 1 to 100000 (PROXY_MAX_EXPANDED_ITEMS)") @Max(
				value = 100000, message = "must be 1 to 100000 (PROXY_MAX_EXPANDED_ITEMS)") int maxExpandedItems,
		@DefaultValue("false") boolean maskPhoneNumbers) {

	@AssertTrue(message = "must be at least 32 characters when set (PROXY_CURSOR_KEY)")
	boolean isCursorKeyStrong() {
		return this.cursorKey == null || this.cursorKey.value().isEmpty() || this.cursorKey.value().length() >= 32;
	}

}
