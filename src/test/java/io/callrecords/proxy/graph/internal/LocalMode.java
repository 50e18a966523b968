package io.callrecords.proxy.graph.internal;

import io.callrecords.proxy.cluster.ClusterProperties;
import io.callrecords.proxy.cluster.RedisLink;
import io.callrecords.proxy.cluster.SharedTimers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A replica without Redis, for the Graph client's unit tests.
 */
final class LocalMode {

	private LocalMode() {
	}

	static RedisLink link() {
		return RedisLink.none(ClusterProperties.defaults(), new SimpleMeterRegistry());
	}

	static SharedTimers timers() {
		return new SharedTimers(link());
	}

}
