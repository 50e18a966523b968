package io.callrecords.proxy.callrecords;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's one single flight: identical work in flight is done once, and work that
 * has delivered its result is done anew.
 */
class SingleFlightTests {

	private final SingleFlight<String, String> flights = new SingleFlight<>();

	private final AtomicInteger started = new AtomicInteger();

	@Test
	void callersOfTheSameKeyWhileTheWorkIsInFlightShareIt() {
		Sinks.One<String> graph = Sinks.one();
		Mono<String> first = this.flights.run("a", () -> null, (key) -> work(graph.asMono()));
		Mono<String> second = this.flights.run("a", () -> null, (key) -> work(graph.asMono()));
		String[] results = new String[2];
		first.subscribe((value) -> results[0] = value);
		second.subscribe((value) -> results[1] = value);

		assertThat(this.flights.size()).isOne();
		graph.tryEmitValue("record");

		assertThat(results).containsExactly("record", "record");
		assertThat(this.started).hasValue(1);
		assertThat(this.flights.size()).isZero();
	}

	@Test
	void otherKeysDoNotShare() {
		this.flights.run("a", () -> null, (key) -> work(Mono.just(key))).block();
		this.flights.run("b", () -> null, (key) -> work(Mono.just(key))).block();

		assertThat(this.started).hasValue(2);
	}

	@Test
	void aCallerAfterTheResultWasDeliveredStartsTheWorkAgain() {
		this.flights.run("a", () -> null, (key) -> work(Mono.just("one"))).block();

		assertThat(this.flights.run("a", () -> null, (key) -> work(Mono.just("two"))).block()).isEqualTo("two");
		assertThat(this.started).hasValue(2);
	}

	@Test
	void aResultFoundMeanwhileIsUsedInsteadOfNewWork() {
		assertThat(this.flights.run("a", () -> "cached", (key) -> work(Mono.just("fetched"))).block())
			.isEqualTo("cached");
		assertThat(this.started).hasValue(0);
	}

	@Test
	void aFailureReachesEverySharingCallerAndLeavesTheFlight() {
		Sinks.One<String> graph = Sinks.one();
		Mono<String> first = this.flights.run("a", () -> null, (key) -> work(graph.asMono()));
		Mono<String> second = this.flights.run("a", () -> null, (key) -> work(graph.asMono()));
		Throwable[] failures = new Throwable[2];
		first.subscribe((value) -> {
		}, (ex) -> failures[0] = ex);
		second.subscribe((value) -> {
		}, (ex) -> failures[1] = ex);

		graph.tryEmitError(new IllegalStateException("Graph failed"));

		assertThat(failures).allSatisfy((ex) -> assertThat(ex).hasMessage("Graph failed"));
		assertThat(this.flights.size()).isZero();
	}

	private Mono<String> work(Mono<String> result) {
		return Mono.defer(() -> {
			this.started.incrementAndGet();
			return result;
		});
	}

}
