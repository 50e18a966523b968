package io.callrecords.proxy.graph;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The internal app a Graph call is made for, carried in the Reactor context of the
 * request, as its deadline is: Graph's budgets are shared fairly between calling apps
 * ({@link GraphFairShareProperties}), and each app's use of them is measured.
 */
public final class GraphCaller {

	/** The caller of requests that carry none (the service's own work, tests). */
	public static final String UNKNOWN = "unknown";

	private static final String KEY = GraphCaller.class.getName();

	private GraphCaller() {
	}

	/**
	 * Makes Graph calls in the context on behalf of an app.
	 * @param caller the calling app's id (the {@code azp}/{@code appid} of its token), or
	 * {@code null} when unknown
	 * @return a context modifier for {@code contextWrite}
	 */
	public static Function<Context, Context> is(@Nullable String caller) {
		return (context) -> (caller != null && !caller.isBlank()) ? context.put(KEY, caller) : context;
	}

	/**
	 * The app the context's Graph calls are made for.
	 * @param context the Reactor context
	 * @return the caller, or {@value #UNKNOWN}
	 */
	public static String of(ContextView context) {
		return context.getOrDefault(KEY, UNKNOWN);
	}

}
