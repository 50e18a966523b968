package io.callrecords.proxy.graph.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.callrecords.proxy.graph.GraphException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;

/**
 * The Graph client's meters. Tags are low-cardinality only: operation, outcome, cause,
 * budget, and the calling app (the first {@value CallerTags#MAX} apps seen by their id,
 * every later one as {@code other}).
 */
final class GraphMetrics {

	private final MeterRegistry registry;

	private final AtomicInteger active = new AtomicInteger();

	private final CallerTags callers = new CallerTags();

	GraphMetrics(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("graph.client.requests.active", this.active, AtomicInteger::get)
			.description("Graph calls in progress, with their waits and retries")
			.register(registry);
	}

	/** Counts a Graph call as active from its subscription until it ends in any way. */
	<T> Mono<T> active(Mono<T> call) {
		return Mono.defer(() -> {
			this.active.incrementAndGet();
			return call.doFinally((signal) -> this.active.decrementAndGet());
		});
	}

	/** One HTTP call to Graph (an attempt) and how it ended. */
	void attempt(String operation, Duration duration, String outcome) {
		Timer.builder("graph.client.requests")
			.description("Calls to Microsoft Graph, one per attempt, by operation and outcome")
			.tag("operation", operation)
			.tag("outcome", outcome)
			.register(this.registry)
			.record(duration);
	}

	void retry(String operation, String cause) {
		Counter.builder("graph.client.retries")
			.description("Graph calls retried, by cause")
			.tag("operation", operation)
			.tag("cause", cause)
			.register(this.registry)
			.increment();
	}

	void throttleWait(String operation, Duration wait) {
		Timer.builder("graph.client.throttle.waits")
			.description("Waits before calling Graph because Graph asked (Retry-After) or a budget queued")
			.tag("operation", operation)
			.register(this.registry)
			.record(wait);
	}

	void budgetRejected(String budget) {
		Counter.builder("graph.client.budget.rejections")
			.description("Requests refused because the service's share of Graph's budget was used up")
			.tag("budget", budget)
			.register(this.registry)
			.increment();
	}

	/** A Graph call the budget granted to a calling app. */
	void budgetUsed(String budget, String caller) {
		Counter.builder("graph.client.budget.used")
			.description("Graph calls granted by the service's budgets, by budget and calling app")
			.tag("budget", budget)
			.tag("caller", this.callers.tag(caller))
			.register(this.registry)
			.increment();
	}

	/** A calling app refused because it is over its fair share of a contended budget. */
	void fairShareRefused(String budget, String caller) {
		Counter.builder("graph.client.fair.share.refusals")
			.description("Requests refused with 429 because their app was over its fair share of a Graph budget "
					+ "other apps were waiting for, by budget and calling app")
			.tag("budget", budget)
			.tag("caller", this.callers.tag(caller))
			.register(this.registry)
			.increment();
	}

	/** The tokens left in a shared budget (the app's, the list's) in its period. */
	void budgetAvailable(String budget, java.util.function.DoubleSupplier available) {
		Gauge.builder("graph.client.budget.available", available, java.util.function.DoubleSupplier::getAsDouble)
			.strongReference(true)
			.description("Graph calls left in the service's share of a Graph budget for the current period")
			.tag("budget", budget)
			.register(this.registry);
	}

	void token(String outcome) {
		Counter.builder("graph.client.token.requests")
			.description("App-only token requests to Entra ID, by outcome")
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

	static String outcome(Throwable ex) {
		return (ex instanceof GraphException failure) ? failure.failure().name().toLowerCase(Locale.ROOT) : "error";
	}

	/** The calling apps named in tags, at most {@value #MAX}. */
	static final class CallerTags {

		static final int MAX = 100;

		private final Set<String> named = ConcurrentHashMap.newKeySet();

		String tag(String caller) {
			if (this.named.contains(caller)) {
				return caller;
			}
			synchronized (this.named) {
				if (this.named.size() < MAX) {
					this.named.add(caller);
					return caller;
				}
			}
			return "other";
		}

	}

}
