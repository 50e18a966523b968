package io.callrecords.proxy.graph.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The deadline of one inbound request, carried in the Reactor context so that every Graph
 * call the request makes (pages, retries, waits) shares it.
 */
final class GraphDeadline {

	private static final String KEY = GraphDeadline.class.getName();

	private GraphDeadline() {
	}

	/**
	 * Sets the deadline to {@code timeout} from now, unless an outer deadline is already
	 * set.
	 * @param timeout the time the request may take
	 * @param clock the clock
	 * @return a context modifier for {@code contextWrite}
	 */
	static Function<Context, Context> startingNow(Duration timeout, Clock clock) {
		return (context) -> context.hasKey(KEY) ? context : context.put(KEY, clock.instant().plus(timeout));
	}

	/**
	 * The deadline of the request.
	 * @param context the Reactor context
	 * @param timeout the time to allow when no deadline was set
	 * @param clock the clock
	 * @return the deadline
	 */
	static Instant of(ContextView context, Duration timeout, Clock clock) {
		return context.<Instant>getOrEmpty(KEY).orElseGet(() -> clock.instant().plus(timeout));
	}

}
