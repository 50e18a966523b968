package io.callrecords.proxy.callrecords;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Identical work in flight at the same time, done once: the first caller of a key starts
 * it, later callers of the same key share its result. The work leaves the map before its
 * result reaches anyone, so a caller that comes after a result was delivered starts anew.
 * The one single-flight of the service.
 *
 * @param <K> the key
 * @param <V> the result
 */
final class SingleFlight<K, V> {

	private final Map<K, Mono<V>> inFlight = new ConcurrentHashMap<>();

	/**
	 * The result of the work for a key: shared with identical work in flight, or a result
	 * found meanwhile, or new work.
	 * @param key what identifies identical work
	 * @param meanwhile looked at under the map's lock before new work starts, for a
	 * result that became available just before (for example a cache filled by the work
	 * that has just left the map); {@code null} when there is none
	 * @param work the work, started at most once per flight
	 * @return the result
	 */
	Mono<V> run(K key, Supplier<@Nullable V> meanwhile, Function<K, Mono<V>> work) {
		return Mono.defer(() -> {
			Holder<V> found = new Holder<>();
			Mono<V> flight = this.inFlight.computeIfAbsent(key, (k) -> {
				found.value = meanwhile.get();
				if (found.value != null) {
					return null;
				}
				return work.apply(k)
					.doOnEach((signal) -> this.inFlight.remove(k))
					.doFinally((signal) -> this.inFlight.remove(k))
					.cache();
			});
			return (flight != null) ? flight : Mono.justOrEmpty(found.value);
		});
	}

	/**
	 * How many keys have work in flight.
	 * @return the count
	 */
	int size() {
		return this.inFlight.size();
	}

	private static final class Holder<V> {

		@Nullable V value;

	}

}
