package io.callrecords.proxy.callrecords;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.callrecords.proxy.ApiResponses.Response;
import io.callrecords.proxy.IntegrationTestSupport;
import io.callrecords.proxy.simulator.RecordFactory;
import io.callrecords.proxy.simulator.RecordFactory.QualityCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Call-quality reports end to end: the simulator's official fixture and its records built
 * to be poor for each reason, through the running service with the published thresholds.
 * Every response is checked against {@code api-spec.yaml}.
 */
class CallQualityIntegrationTests extends IntegrationTestSupport {

	private static final String OFFICIAL = "e523d2ed-2966-4b6b-925b-754a88034cc5";

	static Stream<Arguments> poorCalls() {
		return RecordFactory.POOR_CALLS.entrySet()
			.stream()
			.map((entry) -> Arguments.of(entry.getKey(), entry.getValue()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("poorCalls")
	void aCallBuiltToBePoorForOneReasonIsPoorForThatReasonOnly(String name, QualityCase poor) {
		Response response = this.api.get("/api/v1/call-records/" + poor.id() + "/quality");

		assertThat(response.status()).isEqualTo(200);
		JsonNode report = response.json();
		assertThat(report.path("verdict").asString()).isEqualTo("poor");
		assertThat(report.path("counts").path("streams").asInt()).isEqualTo(2);
		assertThat(report.path("counts").path("poor").asInt()).isEqualTo(1);
		assertThat(report.path("counts").path("poorShare").asDouble()).isEqualTo(0.5);
		JsonNode sent = report.path("streams").path(0);
		assertThat(sent.path("mediaLabel").asString()).isEqualTo(poor.label());
		assertThat(sent.path("sender").path("displayName").asString()).isEqualTo("Person 1");
		assertThat(sent.path("receiver").path("displayName").asString()).isEqualTo("Person 2");
		assertThat(sent.path("quality").path("verdict").asString()).isEqualTo("poor");
		assertThat(sent.path("quality").path("poorDueTo").valueStream().map(JsonNode::asString))
			.containsExactly(poor.poorDueTo());
		assertThat(report.path("streams").path(1).path("quality").path("verdict").asString()).isEqualTo("good");
		assertThat(report.path("participants")
			.valueStream()
			.map((participant) -> participant.path("party").path("displayName").asString() + " "
					+ participant.path("verdict").asString() + " " + participant.path("worstReason").asString() + " "
					+ participant.path("poorStreams").path(0).path("role").asString()))
			.containsExactly("Person 1 poor " + poor.poorDueTo() + " sent",
					"Person 2 poor " + poor.poorDueTo() + " received");
	}

	@Test
	void theOlderAudioMetricsDoNotMakeACallPoorWithThePublishedDefaults() {
		Response response = this.api
			.get("/api/v1/call-records/" + RecordFactory.POOR_ONLY_BY_LEGACY_AUDIO_METRICS + "/quality");

		assertThat(response.json().path("verdict").asString()).isEqualTo("good");
		assertThat(response.json().path("classifier").path("thresholds").path("audio").has("audioDegradation"))
			.isFalse();
	}

	@Test
	void theMeetingReportNamesWhoseStreamsWerePoorAndWhy() {
		JsonNode report = this.api.get("/api/v1/call-records/" + RecordFactory.POOR_MEETING + "/quality").json();

		assertThat(report.path("verdict").asString()).isEqualTo("poor");
		assertThat(report.path("counts").path("streams").asInt()).isEqualTo(10);
		assertThat(report.path("counts").path("poor").asInt()).isEqualTo(2);
		assertThat(report.path("participants")
			.valueStream()
			.map((participant) -> participant.path("party").path("displayName").asString() + " "
					+ participant.path("verdict").asString() + " " + participant.path("worstReason").asString("-")))
			.containsExactly("Person 1 poor averageJitterMs", "Person 2 poor averageVideoFrameRate", "Person 3 good -");
		// 5 frames a second is good for screen sharing, where camera video would be poor
		assertThat(report.path("streams")
			.valueStream()
			.filter((stream) -> stream.path("mediaLabel").asString().equals("applicationsharing-video"))
			.map((stream) -> stream.path("quality").path("mediaType").asString() + " "
					+ stream.path("quality").path("verdict").asString()))
			.containsExactly("screenSharing good", "screenSharing good");
	}

	@Test
	void theOfficialFixturesReportIsThePinnedOne() throws Exception {
		Response response = this.api.get("/api/v1/call-records/" + OFFICIAL + "/quality");

		JSONAssert.assertEquals(
				Files.readString(Path
					.of("src/test/resources/quality/callrecord-get-expand-sessions-segments-legacy-full.quality.json")),
				response.body(), JSONCompareMode.STRICT);
	}

	@Test
	void aRecordReadWithItsSegmentsCarriesTheSameVerdictsInEveryStream() {
		QualityCase jitter = RecordFactory.POOR_CALLS.get("audio-jitter");
		JsonNode record = this.api.get("/api/v1/call-records/" + jitter.id() + "?include=segments").json();
		JsonNode streams = record.path("sessions")
			.path(0)
			.path("segments")
			.path(0)
			.path("media")
			.path(0)
			.path("streams");

		assertThat(streams.path(0).path("quality").path("verdict").asString()).isEqualTo("poor");
		assertThat(streams.path(0).path("quality").path("poorDueTo").valueStream().map(JsonNode::asString))
			.containsExactly("averageJitterMs");
		// the metrics are beside the verdict: the checks are the report's
		assertThat(streams.path(0).path("quality").has("checks")).isFalse();
		assertThat(streams.path(0).path("averageJitterMs").asDouble()).isEqualTo(48.0);
		assertThat(streams.path(1).path("quality").path("verdict").asString()).isEqualTo("good");
		JsonNode page = this.api.get("/api/v1/call-records/" + jitter.id() + "/sessions?includeSegments=true").json();
		assertThat(page.path("items").path(0).path("segments").path(0).path("media").path(0).path("streams"))
			.isEqualTo(streams);
	}

	@Test
	void theQualityOfAnUnknownRecordIsNotFound() {
		Response response = this.api.get("/api/v1/call-records/0b7a4c2e-0000-4000-8000-000000000404/quality");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json().path("code").asString()).isEqualTo("CALL_RECORD_NOT_FOUND");
	}

}
