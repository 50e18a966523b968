package io.callrecords.proxy.callrecords;

import java.time.Duration;
import java.time.Instant;

import io.callrecords.proxy.MovableClock;
import io.callrecords.proxy.graph.GraphException;
import io.callrecords.proxy.graph.GraphFailure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The memory of records Graph failed to give, on a clock the test moves.
 */
class RecordFailuresTests {

	private static final String KEY = "record-a";

	private final MovableClock clock = new MovableClock();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final RecordFailures failures = failures(Duration.ofSeconds(10), Duration.ofSeconds(60));

	@Test
	void aRecordGraphFailedToGiveIsAnsweredWithItsFailureAndTheTimeLeft() {
		this.failures.failed(KEY, new GraphException(GraphFailure.UNAVAILABLE, "500", 500, "rid-1", null, null));
		this.clock.advance(Duration.ofSeconds(4));

		GraphException remembered = this.failures.recall(KEY);

		assertThat(remembered).isNotNull();
		assertThat(remembered.failure()).isEqualTo(GraphFailure.UNAVAILABLE);
		assertThat(remembered.upstreamStatus()).isEqualTo(500);
		assertThat(remembered.upstreamRequestId()).isEqualTo("rid-1");
		assertThat(remembered.retryAfter()).isEqualTo(Duration.ofSeconds(6));
		assertThat(this.failures.recall("record-b")).isNull();
		assertThat(this.meters.get("callrecords.failures.remembered").counter().count()).isOne();
		this.clock.advance(Duration.ofSeconds(6));
		assertThat(this.failures.recall(KEY)).isNull();
	}

	@Test
	void theFailureAnsweredFirstSaysWhenTheRecordIsTriedAgain() {
		GraphException failure = new GraphException(GraphFailure.UNAVAILABLE, "503", 503, "rid-1",
				Duration.ofMillis(800), null);

		Throwable answered = this.failures.failed(KEY, failure);

		assertThat(answered).isInstanceOfSatisfying(GraphException.class, (ex) -> {
			assertThat(ex.failure()).isEqualTo(GraphFailure.UNAVAILABLE);
			assertThat(ex.upstreamRequestId()).isEqualTo("rid-1");
			assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(10));
		});
		GraphException notTheRecords = new GraphException(GraphFailure.NOT_FOUND, "404", 404, null, null, null);
		assertThat(this.failures.failed("record-b", notTheRecords)).isSameAs(notTheRecords);
	}

	@Test
	void eachFailureInARowIsRememberedTwiceAsLongUpToTheMaximum() {
		for (long expected : new long[] { 10, 20, 40, 60, 60 }) {
			this.failures.failed(KEY, new GraphException(GraphFailure.TIMEOUT, "slow", null));
			assertThat(this.failures.recall(KEY).retryAfter()).isEqualTo(Duration.ofSeconds(expected));
			this.clock.advance(Duration.ofSeconds(expected));
			assertThat(this.failures.recall(KEY)).isNull();
		}
	}

	@Test
	void aSuccessForgetsTheFailures() {
		this.failures.failed(KEY, new GraphException(GraphFailure.BAD_RESPONSE, "bad", null));
		this.failures.succeeded(KEY);

		assertThat(this.failures.recall(KEY)).isNull();
		this.failures.failed(KEY, new GraphException(GraphFailure.BAD_RESPONSE, "bad", null));
		assertThat(this.failures.recall(KEY).retryAfter()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void graphsLongerRetryAfterIsKept() {
		this.failures.failed(KEY,
				new GraphException(GraphFailure.UNAVAILABLE, "503", 503, null, Duration.ofSeconds(30), null));

		assertThat(this.failures.recall(KEY).retryAfter()).isEqualTo(Duration.ofSeconds(30));
	}

	@ParameterizedTest(name = "{0} ({1}) is not the record's failure")
	@CsvSource(textBlock = """
			NOT_FOUND,       404
			THROTTLED,       429
			THROTTLED,       0
			OVER_FAIR_SHARE, 0
			UNAVAILABLE,     0
			AUTH_FAILED,     401
			FORBIDDEN,       403
			""")
	void failuresThatAreNotTheRecordsAreNotRemembered(GraphFailure failure, int status) {
		this.failures.failed(KEY, new GraphException(failure, "not the record's", status, null, null, null));

		assertThat(this.failures.recall(KEY)).isNull();
	}

	@Test
	void aZeroTtlRemembersNothing() {
		RecordFailures off = failures(Duration.ZERO, Duration.ZERO);
		off.failed(KEY, new GraphException(GraphFailure.UNAVAILABLE, "500", 500, null, null, null));

		assertThat(off.recall(KEY)).isNull();
	}

	private RecordFailures failures(Duration ttl, Duration maxTtl) {
		return new RecordFailures(new CacheProperties(true, Duration.ofSeconds(60), Duration.ofHours(24),
				Duration.ofHours(1), 100, ttl, maxTtl), this.meters, this.clock);
	}

}
