package io.callrecords.proxy.graph.internal;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A test clock in UTC whose subclasses say what time it is.
 */
abstract class UtcClock extends Clock {

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
