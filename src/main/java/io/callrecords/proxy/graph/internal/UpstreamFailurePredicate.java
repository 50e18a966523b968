package io.callrecords.proxy.graph.internal;

import java.util.function.Predicate;

import io.callrecords.proxy.graph.GraphException;
import io.callrecords.proxy.graph.GraphFailure;

/**
 * What the circuit breaker counts as a Graph failure: 5xx, timeouts and connection
 * failures. Not 4xx answers (a missing record is not an outage) nor 429 (handled by the
 * throttle gate). Named in
 * {@code resilience4j.circuitbreaker.instances.graph.record-failure-predicate}.
 */
public class UpstreamFailurePredicate implements Predicate<Throwable> {

	@Override
	public boolean test(Throwable ex) {
		return ex instanceof GraphException failure
				&& (failure.failure() == GraphFailure.UNAVAILABLE || failure.failure() == GraphFailure.TIMEOUT);
	}

}
