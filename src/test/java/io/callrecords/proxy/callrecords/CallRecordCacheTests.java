package io.callrecords.proxy.callrecords;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.callrecords.proxy.graph.internal.GraphFixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long a record is kept, and what its ETag depends on.
 */
class CallRecordCacheTests {

	private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

	private final CallRecordCache cache = new CallRecordCache(
			new CacheProperties(true, Duration.ofSeconds(60), Duration.ofHours(24), Duration.ofHours(1), 100,
					Duration.ofSeconds(10), Duration.ofMinutes(2)),
			new SimpleMeterRegistry(), Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void aRecentCallIsKeptBrieflyAndASettledOneLonger() {
		assertThat(this.cache.lifetime(endedAt(NOW.minus(Duration.ofHours(2))))).isEqualTo(Duration.ofSeconds(60));
		assertThat(this.cache.lifetime(endedAt(NOW.minus(Duration.ofHours(25))))).isEqualTo(Duration.ofHours(1));
		assertThat(this.cache.lifetime(endedAt(null))).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void theETagChangesWithTheVersionAndTheShapeButNotWithTheIdsCase() {
		CallRecordQuery plain = CallRecordQuery.parse("e523d2ed-2966-4b6b-925b-754a88034cc5", null, null);
		CallRecordQuery withParticipants = CallRecordQuery.parse("e523d2ed-2966-4b6b-925b-754a88034cc5",
				List.of("participants"), null);

		String v1 = CallRecordCache.etag(plain, "e523d2ed-2966-4b6b-925b-754a88034cc5", 1L);

		assertThat(CallRecordCache.etag(plain, "E523D2ED-2966-4B6B-925B-754A88034CC5", 1L)).isEqualTo(v1);
		assertThat(CallRecordCache.etag(plain, "e523d2ed-2966-4b6b-925b-754a88034cc5", 2L)).isNotEqualTo(v1);
		assertThat(CallRecordCache.etag(withParticipants, "e523d2ed-2966-4b6b-925b-754a88034cc5", 1L)).isNotEqualTo(v1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "callrecord-get.json", "callrecord-get-expand-participants_v2.json",
			"callrecord-get-expand-sessions-segments.json", "callrecord-get-expand-sessions-segments-legacy-full.json",
			"callrecord-get-legacy-organizer-participants.json" })
	void everyRecordCrossesTheSharedCacheUnchangedSoEveryReplicaServesTheSameAnswer(String fixture) {
		CallRecordResponse record = new CallRecordMapper("dc368399-474c-4d40-900c-6265431fd81f")
			.callRecord(GraphFixtures.record(GraphFixtures.fixture(fixture)));
		CallRecordQuery query = CallRecordQuery.parse(record.id(), null, null);
		CallRecordCache.Tagged tagged = this.cache.tag(query, record, record.version());

		CallRecordCache.Tagged shared = CallRecordCache.decode(CallRecordCache.encode(tagged));

		assertThat(shared).isEqualTo(tagged);
		assertThat(shared.record().startDateTime()).isEqualTo(record.startDateTime());
	}

	private static CallRecordResponse endedAt(Instant end) {
		return new CallRecordResponse("r", 1L, null, null, null,
				(end != null) ? OffsetDateTime.ofInstant(end, ZoneOffset.UTC) : null, null, null, null, null, null,
				null, null, null);
	}

}
