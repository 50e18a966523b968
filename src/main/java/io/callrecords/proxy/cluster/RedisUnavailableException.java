package io.callrecords.proxy.cluster;

import org.jspecify.annotations.Nullable;

/**
 * Redis could not be used (not configured, unreachable, too slow, or refusing): the
 * caller goes on in local mode. Never reaches an API caller.
 */
public final class RedisUnavailableException extends RuntimeException {

	RedisUnavailableException(String message, @Nullable Throwable cause) {
		super(message, cause, false, false);
	}

}
