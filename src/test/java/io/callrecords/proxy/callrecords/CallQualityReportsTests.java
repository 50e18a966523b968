package io.callrecords.proxy.callrecords;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.callrecords.proxy.callrecords.CallQualityReport.Counts;
import io.callrecords.proxy.callrecords.CallQualityReport.ParticipantQuality;
import io.callrecords.proxy.callrecords.CallQualityReport.PoorStream;
import io.callrecords.proxy.graph.GraphSession;
import io.callrecords.proxy.graph.internal.GraphFixtures;
import io.callrecords.proxy.quality.QualityProperties;
import io.callrecords.proxy.quality.StreamClassifier;
import io.callrecords.proxy.quality.UnclassifiedReason;
import io.callrecords.proxy.quality.Verdict;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static io.callrecords.proxy.graph.internal.GraphFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Call-quality reports: the official fixtures' reports, checked by hand once and pinned,
 * and the roll-ups per participant and per record on records built for them.
 */
class CallQualityReportsTests {

	private static final String HOME = "dc368399-474c-4d40-900c-6265431fd81f";

	private static final JsonMapper JSON = JsonMapper.builder()
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.build();

	private final CallRecordMapper mapper = new CallRecordMapper(HOME);

	private final CallQualityReports reports = new CallQualityReports(StreamClassifier.withDefaults());

	// the official fixtures

	@Test
	void theRichestOfficialFixtureIsGoodWithOneStreamUnderThePacketGate() throws Exception {
		CallQualityReport report = report("callrecord-get-expand-sessions-segments-legacy-full.json");

		// checked by hand against graph-facts.md section 9: stream 1504545584 has 67
		// packets (<= 500: unclassified), stream 1785122252 has 709 packets, 64 ms round
		// trip, 0.0138 loss and 7 ms jitter (all under their thresholds: good)
		JSONAssert.assertEquals(fixture("../quality/callrecord-get-expand-sessions-segments-legacy-full.quality.json"),
				JSON.writeValueAsString(report), JSONCompareMode.STRICT);
	}

	@Test
	void theSessionsPageFixtureHasTheSameVerdicts() {
		List<Session> sessions = GraphFixtures.page(fixture("sessions-list-expand-segments.json"), GraphSession.class)
			.items()
			.stream()
			.map(this.mapper::session)
			.toList();
		CallQualityReport fromPage = this.reports.report(record("e523d2ed-2966-4b6b-925b-754a88034cc5", sessions));
		CallQualityReport fromRecord = report("callrecord-get-expand-sessions-segments-legacy-full.json");

		assertThat(fromPage).isEqualTo(fromRecord);
	}

	@Test
	void theShortenedOfficialFixtureIsUnclassifiedForItsMissingMetrics() {
		CallQualityReport report = report("callrecord-get-expand-sessions-segments.json");

		// one stream with only a jitter: no packetUtilization, so no classification; its
		// segment names no caller or callee, so nobody is a participant
		assertThat(report.verdict()).isEqualTo(Verdict.UNCLASSIFIED);
		assertThat(report.counts()).isEqualTo(new Counts(1, 0, 0, 1, null));
		assertThat(report.participants()).isEmpty();
		assertThat(report.streams()).singleElement().satisfies((stream) -> {
			assertThat(stream.streamId()).isEqualTo("1504545584");
			assertThat(stream.sender()).isNull();
			assertThat(stream.quality().verdict()).isEqualTo(Verdict.UNCLASSIFIED);
			assertThat(stream.quality().unclassifiedReason()).isEqualTo(UnclassifiedReason.MISSING_METRICS);
			assertThat(stream.quality().checks()).isEmpty();
		});
	}

	@ParameterizedTest
	@CsvSource({ "callrecord-get.json", "callrecord-get-expand-participants_v2.json",
			"callrecord-get-legacy-organizer-participants.json" })
	void officialFixturesWithoutSessionsHaveAnEmptyUnclassifiedReport(String fixture) {
		CallQualityReport report = report(fixture);

		assertThat(report.verdict()).isEqualTo(Verdict.UNCLASSIFIED);
		assertThat(report.counts()).isEqualTo(new Counts(0, 0, 0, 0, null));
		assertThat(report.participants()).isEmpty();
		assertThat(report.streams()).isEmpty();
		assertThat(report.sessionsTruncated()).isNull();
	}

	@Test
	void withTheLegacyAudioMetricsTheRichestOfficialFixtureIsPoorDueToAudioDegradation() {
		StreamClassifier legacy = new StreamClassifier(
				new QualityProperties(500, 500, 0.1, 30, true, 1.0, 0.07, 50, 7, 0.15, 2));
		CallRecordMapper mapper = new CallRecordMapper(HOME, legacy);
		CallQualityReport report = new CallQualityReports(legacy).report(mapper
			.callRecord(GraphFixtures.record(fixture("callrecord-get-expand-sessions-segments-legacy-full.json"))));

		// stream 1785122252: degradation 1.160898 > 1.0; concealed samples 0.0623 <= 0.07
		assertThat(report.verdict()).isEqualTo(Verdict.POOR);
		assertThat(report.counts()).isEqualTo(new Counts(2, 0, 1, 1, 1.0));
		assertThat(report.streams().get(1).quality().poorDueTo()).containsExactly("averageAudioDegradation");
		assertThat(report.classifier().thresholds().audio().audioDegradation()).isEqualTo(1.0);
		assertThat(report.participants())
			.extracting((participant) -> participant.party().displayName(), ParticipantQuality::verdict,
					ParticipantQuality::worstReason)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("Abbie Wilkins", Verdict.POOR, "averageAudioDegradation"),
					org.assertj.core.groups.Tuple.tuple("Owen Franklin", Verdict.POOR, "averageAudioDegradation"));
		assertThat(report.participants().get(0).poorStreams()).containsExactly(
				new PoorStream("e523d2ed-2966-4b6b-925b-754a88034cc5", "e523d2ed-2966-4b6b-925b-754a88034cc5",
						"main-audio", "1785122252", "calleeToCaller", "received", List.of("averageAudioDegradation")));
		assertThat(report.participants().get(1).poorStreams()).extracting(PoorStream::role).containsExactly("sent");
	}

	// roll-ups

	@Test
	void aParticipantsStreamsAreTheOnesItSentAndReceivedAndAServiceIsNoParticipant() {
		Builder call = new Builder();
		// Ann and Bob each in a segment with the conferencing server
		call.segment("ann", null, "main-audio", good(), audio("averageJitter", "PT0.09S"));
		call.segment("bob", null, "main-audio", good(), good());
		call.segment("bob", null, "main-video", video("averageVideoFrameRate", 3.0),
				video("averageVideoFrameRate", 30.0));
		CallQualityReport report = this.reports.report(call.record());

		assertThat(report.verdict()).isEqualTo(Verdict.POOR);
		assertThat(report.counts()).isEqualTo(new Counts(6, 4, 2, 0, 2.0 / 6));
		assertThat(report.participants()).extracting((participant) -> participant.party().displayName())
			.containsExactly("ann", "bob");
		ParticipantQuality ann = report.participants().get(0);
		assertThat(ann.counts()).isEqualTo(new Counts(2, 1, 1, 0, 0.5));
		assertThat(ann.poorStreams()).extracting(PoorStream::role, PoorStream::poorDueTo)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("received", List.of("averageJitterMs")));
		ParticipantQuality bob = report.participants().get(1);
		assertThat(bob.verdict()).isEqualTo(Verdict.POOR);
		assertThat(bob.worstReason()).isEqualTo("averageVideoFrameRate");
		assertThat(bob.poorStreams()).extracting(PoorStream::mediaLabel, PoorStream::role)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("main-video", "sent"));
		assertThat(report.streams().get(1).sender()).isNull();
		assertThat(report.streams().get(1).receiver().displayName()).isEqualTo("ann");
	}

	@Test
	void theWorstReasonIsTheMetricFurthestPastItsThresholdOverAllPoorStreams() {
		Builder call = new Builder();
		// jitter 45 ms is 1.5 times its threshold; 1.2 fps is 5.8 times under 7 fps; the
		// loss rate 0.12 is 1.2 times 0.1
		call.segment("ann", "bob", "main-audio", audio("averageJitter", "PT0.045S"),
				audio("averagePacketLossRate", 0.12));
		call.segment("ann", "bob", "main-video", video("averageVideoFrameRate", 1.2), good());
		CallQualityReport report = this.reports.report(call.record());

		assertThat(report.participants()).extracting(ParticipantQuality::worstReason)
			.containsExactly("averageVideoFrameRate", "averageVideoFrameRate");
		Builder audioOnly = new Builder();
		audioOnly.segment("ann", "bob", "main-audio", audio("averageJitter", "PT0.045S"),
				audio("averagePacketLossRate", 0.12));
		assertThat(this.reports.report(audioOnly.record()).participants()).extracting(ParticipantQuality::worstReason)
			.containsExactly("averageJitterMs", "averageJitterMs");
	}

	@Test
	void aParticipantWithOnlyUnclassifiedStreamsIsUnclassifiedAndHasNoPoorShare() {
		Builder call = new Builder();
		call.segment("ann", "bob", "main-audio", audio("packetUtilization", 12), audio("packetUtilization", 500));
		CallQualityReport report = this.reports.report(call.record());

		assertThat(report.verdict()).isEqualTo(Verdict.UNCLASSIFIED);
		assertThat(report.counts()).isEqualTo(new Counts(2, 0, 0, 2, null));
		assertThat(report.participants()).extracting(ParticipantQuality::verdict, ParticipantQuality::worstReason)
			.containsOnly(org.assertj.core.groups.Tuple.tuple(Verdict.UNCLASSIFIED, null));
	}

	@Test
	void aStreamOfUnknownDirectionCountsForTheRecordButForNoParticipant() {
		Builder call = new Builder();
		call.segment("ann", "bob", "main-audio", audio("averageJitter", "PT0.2S"), good());
		call.lastStream().put("streamDirection", "sideways");
		CallQualityReport report = this.reports.report(call.record());

		assertThat(report.counts().poor()).isEqualTo(1);
		assertThat(report.streams().get(1).sender()).isNull();
		assertThat(report.streams().get(1).receiver()).isNull();
		assertThat(report.participants()).allSatisfy((participant) -> {
			assertThat(participant.counts().streams()).isEqualTo(1);
			assertThat(participant.verdict()).isEqualTo(Verdict.POOR);
		});
	}

	@Test
	void aTruncatedRecordSaysItsReportIsPartial() {
		Builder call = new Builder();
		call.segment("ann", "bob", "main-audio", good(), good());
		CallRecordResponse record = call.record();
		CallRecordResponse truncated = new CallRecordResponse(record.id(), null, null, null, null, null, null, null,
				null, null, null, record.sessions(), null, true);

		assertThat(this.reports.report(truncated).sessionsTruncated()).isTrue();
		assertThat(this.reports.report(record).sessionsTruncated()).isNull();
	}

	private CallQualityReport report(String fixture) {
		return this.reports.report(this.mapper.callRecord(GraphFixtures.record(fixture(fixture))));
	}

	private static CallRecordResponse record(String id, List<Session> sessions) {
		return new CallRecordResponse(id, null, null, null, null, null, null, null, null, null, null, sessions, null,
				null);
	}

	private static ObjectNode good() {
		return audio("averageJitter", "PT0.01S");
	}

	private static ObjectNode audio(String metric, Object value) {
		ObjectNode stream = JSON.createObjectNode()
			.put("packetUtilization", 900)
			.put("averageRoundTripTime", "PT0.05S")
			.put("averagePacketLossRate", 0.01)
			.put("averageJitter", "PT0.01S");
		return set(stream, metric, value);
	}

	private static ObjectNode video(String metric, Object value) {
		return set(JSON.createObjectNode().put("videoCodec", "h264"), metric, value);
	}

	private static ObjectNode set(ObjectNode stream, String metric, Object value) {
		if (value instanceof String text) {
			stream.put(metric, text);
		}
		else if (value instanceof Integer number) {
			stream.put(metric, number);
		}
		else {
			stream.put(metric, (Double) value);
		}
		return stream;
	}

	/**
	 * Builds a Graph record of one session whose segments are each between a participant
	 * and another participant or the conferencing server.
	 */
	private final class Builder {

		private final ObjectNode session = JSON.createObjectNode().put("id", "5e551000-0000-4000-8000-000000000001");

		private final ArrayNode segments = this.session.putArray("segments");

		private @Nullable ObjectNode last;

		void segment(String caller, @Nullable String callee, String label, ObjectNode fromCaller,
				ObjectNode fromCallee) {
			ObjectNode segment = this.segments.addObject().put("id", "segment-" + this.segments.size());
			segment.set("caller", endpoint(caller));
			segment.set("callee", endpoint(callee));
			ArrayNode streams = segment.putArray("media").addObject().put("label", label).putArray("streams");
			streams.add(fromCaller.put("streamId", caller + "-" + label).put("streamDirection", "callerToCallee"));
			this.last = fromCallee.put("streamId", callee + "-" + label).put("streamDirection", "calleeToCaller");
			streams.add(this.last);
		}

		ObjectNode lastStream() {
			return this.last;
		}

		CallRecordResponse record() {
			GraphSession graph = GraphFixtures.read(JSON.writeValueAsString(this.session), GraphSession.class);
			return CallQualityReportsTests.record("c0a11700-0000-4000-8000-000000000001",
					List.of(CallQualityReportsTests.this.mapper.session(graph)));
		}

		private ObjectNode endpoint(@Nullable String name) {
			if (name == null) {
				ObjectNode service = JSON.createObjectNode()
					.put("@odata.type", "#microsoft.graph.callRecords.serviceEndpoint");
				service.putObject("userAgent").put("role", "conferencingServer");
				return service;
			}
			ObjectNode endpoint = JSON.createObjectNode()
				.put("@odata.type", "#microsoft.graph.callRecords.participantEndpoint");
			endpoint.putObject("associatedIdentity")
				.put("id", "id-" + name)
				.put("displayName", name)
				.put("tenantId", HOME);
			return endpoint;
		}

	}

}
