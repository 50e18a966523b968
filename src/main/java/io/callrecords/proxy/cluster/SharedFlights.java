package io.callrecords.proxy.cluster;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;

/**
 * Identical fetches in flight on different replicas, done once: the replica that takes
 * the lease fetches and keeps the result in the {@link SharedCache} before it gives the
 * lease back; the others wait, looking in the shared cache, and take the result from
 * there. A lease whose replica died expires ({@code PROXY_CLUSTER_LEASE}) and the next
 * waiting replica takes it over; one given back without a result (the fetch failed) is
 * taken by the next one. In local mode, or when Redis fails while waiting, a replica
 * fetches itself.
 */
public final class SharedFlights {

	private static final Duration FIRST_POLL = Duration.ofMillis(10);

	private static final Duration LONGEST_POLL = Duration.ofMillis(100);

	private final SharedCache cache;

	private final Duration lease;

	private final MeterRegistry meters;

	private final String replica = UUID.randomUUID().toString();

	private final AtomicLong flights = new AtomicLong();

	/**
	 * Flights coordinated through a shared cache.
	 * @param cache where results are shared and leases taken
	 * @param lease how long a lease is held at most
	 * @param meters where the waits are metered
	 */
	public SharedFlights(SharedCache cache, Duration lease, MeterRegistry meters) {
		this.cache = cache;
		this.lease = lease;
		this.meters = meters;
	}

	/**
	 * The result of a fetch, shared with the other replicas: from the shared cache when
	 * it is there, else from the one fetch of all replicas.
	 * @param name what identifies the result in the shared cache
	 * @param lookup reads the result from the shared cache, empty when it is not there
	 * @param fetch fetches the result and keeps it in the shared cache
	 * @return the result
	 */
	public <T> Mono<T> run(String name, Supplier<Mono<T>> lookup, Supplier<Mono<T>> fetch) {
		return Mono.defer(() -> {
			if (!this.cache.shared()) {
				return fetch.get();
			}
			String holder = this.replica + "/" + this.flights.incrementAndGet();
			long started = System.nanoTime();
			long giveUp = started + this.lease.multipliedBy(3).toNanos();
			return lookup.get()
				.switchIfEmpty(
						Mono.defer(() -> attempt(name, holder, lookup, fetch, started, giveUp, FIRST_POLL, false)));
		});
	}

	private <T> Mono<T> attempt(String name, String holder, Supplier<Mono<T>> lookup, Supplier<Mono<T>> fetch,
			long started, long giveUp, Duration poll, boolean waited) {
		return this.cache.lease(name, holder)
			.onErrorResume(RedisUnavailableException.class, (ex) -> Mono.just(true))
			.flatMap((taken) -> {
				if (taken) {
					// the holder may have given the lease back, result kept, just after
					// this replica last looked: look once more before fetching
					return lookup.get()
						.flatMap((found) -> this.cache.release(name, holder).thenReturn(found))
						.doOnNext((found) -> waited("shared", started))
						.switchIfEmpty(Mono.defer(() -> {
							if (waited) {
								waited("took_over", started);
							}
							return fetched(name, holder, fetch);
						}));
				}
				return Mono.delay(poll)
					.then(lookup.get())
					.doOnNext((result) -> waited("shared", started))
					.switchIfEmpty(Mono.defer(() -> {
						if (System.nanoTime() - giveUp > 0) {
							waited("gave_up", started);
							return fetch.get();
						}
						Duration next = poll.multipliedBy(2);
						return attempt(name, holder, lookup, fetch, started, giveUp,
								(next.compareTo(LONGEST_POLL) > 0) ? LONGEST_POLL : next, true);
					}));
			});
	}

	/** Fetches under the lease, and gives the lease back however the fetch ends. */
	private <T> Mono<T> fetched(String name, String holder, Supplier<Mono<T>> fetch) {
		return fetch.get()
			.materialize()
			.flatMap((signal) -> this.cache.release(name, holder).thenReturn(signal))
			.<T>dematerialize()
			.doOnCancel(() -> this.cache.release(name, holder).subscribe());
	}

	private void waited(String outcome, long started) {
		Timer.builder("cluster.flight.waits")
			.description("Waits for another replica's fetch of the same record, by outcome: shared (its result "
					+ "was used), took_over (its lease ended without a result), gave_up (fetched alone after waiting "
					+ "three leases)")
			.tag("outcome", outcome)
			.register(this.meters)
			.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
	}

}
