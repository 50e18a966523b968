package io.callrecords.proxy.quality;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callrecords.proxy.graph.GraphMediaStream;
import io.callrecords.proxy.graph.internal.GraphFixtures;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule of the CQD stream classification with the published thresholds: each
 * threshold just below, at and just above, every step of the video rules' "first
 * available metric", and missing metrics. Streams are read from Graph's JSON with the
 * service's own reader, so durations are Graph's ISO-8601 text.
 */
class StreamClassifierTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final StreamClassifier classifier = StreamClassifier.withDefaults();

	// audio: the packet gate

	@ParameterizedTest
	@CsvSource({ "499", "500" })
	void audioAtOrBelowFiveHundredPacketsIsUnclassifiedWhateverItsMetrics(long packets) {
		StreamQuality quality = this.classifier.classify("main-audio",
				audio(Map.of("packetUtilization", packets, "averageJitter", "PT0.2S")));

		assertThat(quality.verdict()).isEqualTo(Verdict.UNCLASSIFIED);
		assertThat(quality.unclassifiedReason()).isEqualTo(UnclassifiedReason.LOW_PACKET_UTILIZATION);
		assertThat(quality.poorDueTo()).isEmpty();
		assertThat(quality.checks())
			.containsExactly(new MetricCheck("packetUtilization", packets, "greaterThan", 500, false));
	}

	@Test
	void audioJustAboveFiveHundredPacketsIsClassified() {
		StreamQuality quality = this.classifier.classify("main-audio", audio(Map.of("packetUtilization", 501)));

		assertThat(quality.verdict()).isEqualTo(Verdict.GOOD);
		assertThat(quality.unclassifiedReason()).isNull();
		assertThat(quality.checks()).first()
			.isEqualTo(new MetricCheck("packetUtilization", 501, "greaterThan", 500, true));
	}

	@Test
	void audioWithoutPacketUtilizationIsUnclassifiedEvenWhenItsMetricsArePoor() {
		Map<String, @Nullable Object> metrics = new LinkedHashMap<>(Map.of("averageRoundTripTime", "PT2S"));
		metrics.put("packetUtilization", null);
		StreamQuality quality = this.classifier.classify("main-audio", audio(metrics));

		assertThat(quality.verdict()).isEqualTo(Verdict.UNCLASSIFIED);
		assertThat(quality.unclassifiedReason()).isEqualTo(UnclassifiedReason.MISSING_METRICS);
	}

	// audio: the three current rules

	@ParameterizedTest
	@CsvSource({ "averageRoundTripTime, PT0.499S, averageRoundTripTimeMs, 499, good",
			"averageRoundTripTime, PT0.5S, averageRoundTripTimeMs, 500, good",
			"averageRoundTripTime, PT0.501S, averageRoundTripTimeMs, 501, poor",
			"averagePacketLossRate, 0.0999, averagePacketLossRate, 0.0999, good",
			"averagePacketLossRate, 0.1, averagePacketLossRate, 0.1, good",
			"averagePacketLossRate, 0.1001, averagePacketLossRate, 0.1001, poor",
			"averageJitter, PT0.0299S, averageJitterMs, 29.9, good",
			"averageJitter, PT0.03S, averageJitterMs, 30, good",
			"averageJitter, PT0.0301S, averageJitterMs, 30.1, poor" })
	void audioIsPoorOnlyAboveEachThreshold(String graphField, String graphValue, String metric, double value,
			String verdict) {
		Object wire = graphValue.startsWith("PT") ? graphValue : Double.valueOf(graphValue);
		StreamQuality quality = this.classifier.classify("main-audio", audio(Map.of(graphField, wire)));

		assertThat(quality.verdict().value()).isEqualTo(verdict);
		assertThat(quality.mediaType()).isEqualTo(MediaType.AUDIO);
		assertThat(quality.poorDueTo()).isEqualTo("poor".equals(verdict) ? List.of(metric) : List.of());
		assertThat(quality.checks()).filteredOn((check) -> check.metric().equals(metric))
			.singleElement()
			.satisfies((check) -> {
				assertThat(check.value()).isEqualTo(value);
				assertThat(check.comparison()).isEqualTo("greaterThan");
				assertThat(check.met()).isEqualTo("poor".equals(verdict));
			});
	}

	@Test
	void audioNamesEveryMetricThatMadeItPoorInTheRulesOrder() {
		StreamQuality quality = this.classifier.classify("main-audio",
				audio(Map.of("averageJitter", "PT0.06S", "averageRoundTripTime", "PT0.75S")));

		assertThat(quality.verdict()).isEqualTo(Verdict.POOR);
		assertThat(quality.poorDueTo()).containsExactly("averageRoundTripTimeMs", "averageJitterMs");
		assertThat(quality.checks()).extracting(MetricCheck::metric)
			.containsExactly("packetUtilization", "averageRoundTripTimeMs", "averagePacketLossRate", "averageJitterMs");
		assertThat(quality.worstCheck().metric()).isEqualTo("averageJitterMs");
	}

	@ParameterizedTest
	@CsvSource({ "averageRoundTripTime", "averagePacketLossRate", "averageJitter" })
	void audioMissingAnyOfTheThreeMetricsIsUnclassifiedNotGood(String missing) {
		Map<String, @Nullable Object> metrics = new LinkedHashMap<>();
		metrics.put(missing, null);
		StreamQuality quality = this.classifier.classify("main-audio", audio(metrics));

		assertThat(quality.verdict()).isEqualTo(Verdict.UNCLASSIFIED);
		assertThat(quality.unclassifiedReason()).isEqualTo(UnclassifiedReason.MISSING_METRICS);
		assertThat(quality.checks()).hasSize(3);
	}

	@Test
	void audioMissingAMetricIsStillPoorWhenAnotherIsAboveItsThreshold() {
		Map<String, @Nullable Object> metrics = new LinkedHashMap<>();
		metrics.put("averageRoundTripTime", null);
		metrics.put("averagePacketLossRate", 0.2);
		StreamQuality quality = this.classifier.classify("main-audio", audio(metrics));

		assertThat(quality.verdict()).isEqualTo(Verdict.POOR);
		assertThat(quality.poorDueTo()).containsExactly("averagePacketLossRate");
	}

	// audio: the older metrics, off by default

	@Test
	void audioDegradationAndConcealedSamplesDoNotCountByDefault() {
		StreamQuality quality = this.classifier.classify("main-audio",
				audio(Map.of("averageAudioDegradation", 4.0, "averageRatioOfConcealedSamples", 0.5)));

		assertThat(quality.verdict()).isEqualTo(Verdict.GOOD);
		assertThat(quality.checks()).extracting(MetricCheck::metric)
			.doesNotContain("averageAudioDegradation", "averageRatioOfConcealedSamples");
		assertThat(this.classifier.description().thresholds().audio().audioDegradation()).isNull();
	}

	@ParameterizedTest
	@CsvSource({ "averageAudioDegradation, 0.99, good", "averageAudioDegradation, 1.0, good",
			"averageAudioDegradation, 1.01, poor", "averageRatioOfConcealedSamples, 0.0699, good",
			"averageRatioOfConcealedSamples, 0.07, good", "averageRatioOfConcealedSamples, 0.0701, poor" })
	void withTheLegacyMetricsAudioIsPoorAboveTheirThresholds(String metric, double value, String verdict) {
		StreamQuality quality = legacyClassifier().classify("main-audio", audio(Map.of(metric, value)));

		assertThat(quality.verdict().value()).isEqualTo(verdict);
		assertThat(quality.poorDueTo()).isEqualTo("poor".equals(verdict) ? List.of(metric) : List.of());
	}

	@Test
	void withTheLegacyMetricsAudioWithoutThemIsStillGood() {
		StreamQuality quality = legacyClassifier().classify("main-audio", audio(Map.of()));

		assertThat(quality.verdict()).isEqualTo(Verdict.GOOD);
		assertThat(legacyClassifier().description().thresholds().audio().audioDegradation()).isEqualTo(1.0);
		assertThat(legacyClassifier().description().thresholds().audio().concealedSamplesRatio()).isEqualTo(0.07);
	}

	@Test
	void configuredThresholdsReplaceThePublishedOnes() {
		StreamClassifier strict = new StreamClassifier(
				new QualityProperties(100, 200, 0.05, 20, false, 1.0, 0.07, 10, 15, 0.05, 5));

		assertThat(strict.classify("main-audio", audio(Map.of("packetUtilization", 150, "averageJitter", "PT0.025S")))
			.poorDueTo()).containsExactly("averageJitterMs");
		assertThat(strict.classify("main-video", video(Map.of("averageVideoFrameRate", 12.0))).verdict())
			.isEqualTo(Verdict.POOR);
		assertThat(strict.classify("applicationsharing-video", video(Map.of("averageVideoFrameRate", 4.0))).verdict())
			.isEqualTo(Verdict.POOR);
		assertThat(strict.description().thresholds().audio().minPackets()).isEqualTo(100);
		assertThat(strict.description().thresholds().screenSharing().frameRate()).isEqualTo(5);
	}

	// video and screen sharing: the first available metric decides

	@ParameterizedTest
	@CsvSource({ "main-video, 49.9, good", "main-video, 50, good", "main-video, 50.1, poor",
			"applicationsharing-video, 49.9, good", "applicationsharing-video, 50, good",
			"applicationsharing-video, 50.1, poor" })
	void videoFrameLossDecidesFirst(String label, double lossPercentage, String verdict) {
		// the other metrics would say the opposite, and are not looked at
		StreamQuality quality = this.classifier.classify(label,
				video(Map.of("averageVideoFrameLossPercentage", lossPercentage, "averageVideoFrameRate",
						"poor".equals(verdict) ? 30.0 : 0.5, "postForwardErrorCorrectionPacketLossRate",
						"poor".equals(verdict) ? 0.0 : 0.9)));

		assertThat(quality.verdict().value()).isEqualTo(verdict);
		assertThat(quality.checks()).containsExactly(new MetricCheck("averageVideoFrameLossPercentage", lossPercentage,
				"greaterThan", 50, "poor".equals(verdict)));
	}

	@ParameterizedTest
	@CsvSource({ "main-video, averageVideoFrameRate, 7.01, 7, good", "main-video, averageVideoFrameRate, 7, 7, good",
			"main-video, averageVideoFrameRate, 6.99, 7, poor", "main-video, averageReceivedFrameRate, 7.01, 7, good",
			"main-video, averageReceivedFrameRate, 7, 7, good", "main-video, averageReceivedFrameRate, 6.99, 7, poor",
			"applicationsharing-video, averageVideoFrameRate, 2.01, 2, good",
			"applicationsharing-video, averageVideoFrameRate, 2, 2, good",
			"applicationsharing-video, averageVideoFrameRate, 1.99, 2, poor",
			"applicationsharing-video, averageReceivedFrameRate, 2, 2, good",
			"applicationsharing-video, averageReceivedFrameRate, 1.99, 2, poor" })
	void videoFrameRateDecidesSecondWhenThereIsNoFrameLoss(String label, String metric, double frameRate,
			double threshold, String verdict) {
		StreamQuality quality = this.classifier.classify(label, video(Map.of(metric, frameRate,
				"postForwardErrorCorrectionPacketLossRate", "poor".equals(verdict) ? 0.0 : 0.9)));

		assertThat(quality.verdict().value()).isEqualTo(verdict);
		assertThat(quality.checks())
			.containsExactly(new MetricCheck(metric, frameRate, "lessThan", threshold, "poor".equals(verdict)));
	}

	@Test
	void videoSentFrameRateComesBeforeTheReceivedOne() {
		StreamQuality quality = this.classifier.classify("main-video",
				video(Map.of("averageVideoFrameRate", 25.0, "averageReceivedFrameRate", 3.0)));

		assertThat(quality.verdict()).isEqualTo(Verdict.GOOD);
		assertThat(quality.checks()).extracting(MetricCheck::metric).containsExactly("averageVideoFrameRate");
	}

	@Test
	void screenSharingAtFiveFramesASecondIsGoodWhereCameraVideoIsPoor() {
		GraphMediaStream stream = video(Map.of("averageVideoFrameRate", 5.0));

		assertThat(this.classifier.classify("applicationsharing-video", stream).verdict()).isEqualTo(Verdict.GOOD);
		assertThat(this.classifier.classify("main-video", stream).verdict()).isEqualTo(Verdict.POOR);
	}

	@ParameterizedTest
	@CsvSource({ "main-video, 0.149, good", "main-video, 0.15, good", "main-video, 0.151, poor",
			"applicationsharing-video, 0.149, good", "applicationsharing-video, 0.15, good",
			"applicationsharing-video, 0.151, poor" })
	void videoLossAfterForwardErrorCorrectionDecidesLast(String label, double lossRate, String verdict) {
		StreamQuality quality = this.classifier.classify(label,
				video(Map.of("postForwardErrorCorrectionPacketLossRate", lossRate, "averageVideoPacketLossRate", 0.9)));

		assertThat(quality.verdict().value()).isEqualTo(verdict);
		assertThat(quality.poorDueTo())
			.isEqualTo("poor".equals(verdict) ? List.of("postForwardErrorCorrectionPacketLossRate") : List.of());
		assertThat(quality.checks()).containsExactly(new MetricCheck("postForwardErrorCorrectionPacketLossRate",
				lossRate, "greaterThan", 0.15, "poor".equals(verdict)));
	}

	@ParameterizedTest
	@CsvSource({ "main-video", "applicationsharing-video" })
	void videoWithNoneOfTheThreeMetricsIsUnclassified(String label) {
		// metrics that are not in the rule do not classify
		StreamQuality quality = this.classifier.classify(label,
				video(Map.of("averageVideoPacketLossRate", 0.9, "lowFrameRateRatio", 0.9)));

		assertThat(quality.verdict()).isEqualTo(Verdict.UNCLASSIFIED);
		assertThat(quality.unclassifiedReason()).isEqualTo(UnclassifiedReason.MISSING_METRICS);
		assertThat(quality.checks()).isEmpty();
	}

	// which rule applies

	@ParameterizedTest
	@CsvSource({ "main-audio,,, audio", "MAIN-AUDIO,,, audio", "main-video,,, video", "panoramic-video,,, video",
			"applicationsharing-video,,, screenSharing", "screen-sharing-video,,, screenSharing",
			"applicationsharing,,, other", "data,,, other", "data, satin,, other", ", satin,, audio", ",, h264, video",
			"unknown,, h264, video", ",,, other" })
	void theRuleFollowsTheMediaLabelElseTheCodec(@Nullable String label, @Nullable String audioCodec,
			@Nullable String videoCodec, String mediaType) {
		assertThat(MediaType.of(label, audioCodec, videoCodec).value()).isEqualTo(mediaType);
	}

	@Test
	void otherMediaAreUnclassified() {
		StreamQuality quality = this.classifier.classify("data", audio(Map.of("averageJitter", "PT1S")));

		assertThat(quality.verdict()).isEqualTo(Verdict.UNCLASSIFIED);
		assertThat(quality.mediaType()).isEqualTo(MediaType.OTHER);
		assertThat(quality.unclassifiedReason()).isEqualTo(UnclassifiedReason.UNSUPPORTED_MEDIA);
	}

	@Test
	void theDescriptionNamesTheClassifierAndThePublishedThresholds() {
		QualityClassifier description = this.classifier.description();

		assertThat(description.name()).isEqualTo("cqd-stream-classification");
		assertThat(description.source()).startsWith("https://learn.microsoft.com/");
		assertThat(description.thresholds())
			.isEqualTo(new QualityThresholds(new QualityThresholds.Audio(500, 500, 0.1, 30, null, null),
					new QualityThresholds.Video(50, 7, 0.15), new QualityThresholds.Video(50, 2, 0.15)));
	}

	@Test
	void verdictsCombinePoorFirstThenGood() {
		assertThat(Verdict.over(List.of(Verdict.GOOD, Verdict.POOR, Verdict.UNCLASSIFIED))).isEqualTo(Verdict.POOR);
		assertThat(Verdict.over(List.of(Verdict.UNCLASSIFIED, Verdict.GOOD))).isEqualTo(Verdict.GOOD);
		assertThat(Verdict.over(List.of(Verdict.UNCLASSIFIED))).isEqualTo(Verdict.UNCLASSIFIED);
		assertThat(Verdict.over(List.of())).isEqualTo(Verdict.UNCLASSIFIED);
	}

	@Test
	void theWorstCheckIsTheOneFurthestPastItsThreshold() {
		assertThat(MetricCheck.below("averageVideoFrameRate", 1, 7).severity()).isEqualTo(7.0);
		assertThat(MetricCheck.above("averageJitterMs", 60, 30).severity()).isEqualTo(2.0);
		assertThat(MetricCheck.below("averageVideoFrameRate", 0, 7).severity()).isInfinite();
	}

	private static StreamClassifier legacyClassifier() {
		return new StreamClassifier(new QualityProperties(500, 500, 0.1, 30, true, 1.0, 0.07, 50, 7, 0.15, 2));
	}

	/**
	 * A good audio stream, with some metrics replaced (or removed, with a null value).
	 */
	private static GraphMediaStream audio(Map<String, ? extends @Nullable Object> metrics) {
		Map<String, @Nullable Object> stream = new LinkedHashMap<>();
		stream.put("streamId", "1785122252");
		stream.put("streamDirection", "calleeToCaller");
		stream.put("packetUtilization", 709);
		stream.put("averageRoundTripTime", "PT0.064S");
		stream.put("averagePacketLossRate", 0.01381693);
		stream.put("averageJitter", "PT0.007S");
		stream.putAll(metrics);
		return read(stream);
	}

	/** A video stream with only these metrics. */
	private static GraphMediaStream video(Map<String, ? extends @Nullable Object> metrics) {
		Map<String, @Nullable Object> stream = new LinkedHashMap<>();
		stream.put("streamId", "77001");
		stream.put("streamDirection", "callerToCallee");
		stream.put("videoCodec", "h264");
		stream.putAll(metrics);
		return read(stream);
	}

	private static GraphMediaStream read(Map<String, @Nullable Object> stream) {
		stream.values().removeIf((value) -> value == null);
		return GraphFixtures.read(JSON.writeValueAsString(stream), GraphMediaStream.class);
	}

}
