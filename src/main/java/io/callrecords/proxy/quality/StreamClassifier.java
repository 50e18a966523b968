package io.callrecords.proxy.quality;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.callrecords.proxy.graph.GraphDurations;
import io.callrecords.proxy.graph.GraphMediaStream;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Microsoft's Call Quality Dashboard stream classification, applied to the metrics Graph
 * reports for each stream. A pure function of the stream and the thresholds.
 * <ul>
 * <li><b>Audio</b>: unclassified unless {@code packetUtilization} is above the packet
 * gate; then poor when the average round trip, packet loss rate or jitter (and, with the
 * legacy metrics, the network MOS degradation or the ratio of concealed samples) is above
 * its threshold; good only when none is and all three of round trip, packet loss and
 * jitter were reported, else unclassified.</li>
 * <li><b>Video</b> and <b>video-based screen sharing</b>: the first metric the stream
 * has, in the order frame loss percentage, frame rate ({@code averageVideoFrameRate},
 * else {@code averageReceivedFrameRate}), packet loss after FEC, decides alone; none of
 * them makes the stream unclassified.</li>
 * <li>Anything else is unclassified.</li>
 * </ul>
 */
@Component
public class StreamClassifier {

	/** The name reports give the classifier. */
	public static final String NAME = "cqd-stream-classification";

	/** Where Microsoft publishes the rules. */
	public static final String SOURCE = "https://learn.microsoft.com/microsoftteams/stream-classification-in-call-quality-dashboard";

	private final QualityProperties thresholds;

	private final QualityClassifier description;

	/**
	 * Creates a classifier.
	 * @param thresholds its thresholds
	 */
	public StreamClassifier(QualityProperties thresholds) {
		this.thresholds = thresholds;
		this.description = new QualityClassifier(NAME, SOURCE, QualityThresholds.of(thresholds));
	}

	/**
	 * The classifier with Microsoft's published thresholds.
	 * @return the classifier
	 */
	public static StreamClassifier withDefaults() {
		return new StreamClassifier(QualityProperties.defaults());
	}

	/**
	 * The classifier and the thresholds it applies, for reports.
	 * @return the description
	 */
	public QualityClassifier description() {
		return this.description;
	}

	/**
	 * Classifies a stream.
	 * @param mediaLabel the label of the stream's media, such as {@code main-audio}
	 * @param stream the stream
	 * @return the verdict with its reasons and the metrics it used
	 */
	public StreamQuality classify(@Nullable String mediaLabel, GraphMediaStream stream) {
		MediaType type = MediaType.of(mediaLabel, stream.audioCodec(), stream.videoCodec());
		return switch (type) {
			case AUDIO -> audio(stream);
			case VIDEO -> video(type, stream, this.thresholds.videoFrameRate());
			case SCREEN_SHARING -> video(type, stream, this.thresholds.screenSharingFrameRate());
			case OTHER -> new StreamQuality(Verdict.UNCLASSIFIED, type, List.of(), UnclassifiedReason.UNSUPPORTED_MEDIA,
					List.of());
		};
	}

	private StreamQuality audio(GraphMediaStream stream) {
		Long packets = stream.packetUtilization();
		if (packets == null) {
			return unclassified(MediaType.AUDIO, UnclassifiedReason.MISSING_METRICS, List.of());
		}
		MetricCheck gate = MetricCheck.above("packetUtilization", packets, this.thresholds.audioMinPackets());
		if (!gate.met()) {
			return unclassified(MediaType.AUDIO, UnclassifiedReason.LOW_PACKET_UTILIZATION, List.of(gate));
		}
		List<MetricCheck> checks = new ArrayList<>();
		checks.add(gate);
		Double roundTrip = millis(stream.averageRoundTripTime());
		Double lossRate = stream.averagePacketLossRate();
		Double jitter = millis(stream.averageJitter());
		addAbove(checks, "averageRoundTripTimeMs", roundTrip, this.thresholds.audioRoundTripMs());
		addAbove(checks, "averagePacketLossRate", lossRate, this.thresholds.audioPacketLossRate());
		addAbove(checks, "averageJitterMs", jitter, this.thresholds.audioJitterMs());
		if (this.thresholds.audioLegacyMetrics()) {
			addAbove(checks, "averageAudioDegradation", stream.averageAudioDegradation(),
					this.thresholds.audioDegradation());
			addAbove(checks, "averageRatioOfConcealedSamples", stream.averageRatioOfConcealedSamples(),
					this.thresholds.audioConcealedRatio());
		}
		List<String> poorDueTo = checks.stream().skip(1).filter(MetricCheck::met).map(MetricCheck::metric).toList();
		if (!poorDueTo.isEmpty()) {
			return new StreamQuality(Verdict.POOR, MediaType.AUDIO, poorDueTo, null, checks);
		}
		if (roundTrip == null || lossRate == null || jitter == null) {
			return unclassified(MediaType.AUDIO, UnclassifiedReason.MISSING_METRICS, checks);
		}
		return new StreamQuality(Verdict.GOOD, MediaType.AUDIO, List.of(), null, checks);
	}

	private StreamQuality video(MediaType type, GraphMediaStream stream, double frameRateThreshold) {
		MetricCheck decisive;
		if (stream.averageVideoFrameLossPercentage() != null) {
			decisive = MetricCheck.above("averageVideoFrameLossPercentage", stream.averageVideoFrameLossPercentage(),
					this.thresholds.videoFrameLossPercent());
		}
		else if (stream.averageVideoFrameRate() != null) {
			decisive = MetricCheck.below("averageVideoFrameRate", stream.averageVideoFrameRate(), frameRateThreshold);
		}
		else if (stream.averageReceivedFrameRate() != null) {
			decisive = MetricCheck.below("averageReceivedFrameRate", stream.averageReceivedFrameRate(),
					frameRateThreshold);
		}
		else if (stream.postForwardErrorCorrectionPacketLossRate() != null) {
			decisive = MetricCheck.above("postForwardErrorCorrectionPacketLossRate",
					stream.postForwardErrorCorrectionPacketLossRate(), this.thresholds.videoPostFecLossRate());
		}
		else {
			return unclassified(type, UnclassifiedReason.MISSING_METRICS, List.of());
		}
		return decisive.met()
				? new StreamQuality(Verdict.POOR, type, List.of(decisive.metric()), null, List.of(decisive))
				: new StreamQuality(Verdict.GOOD, type, List.of(), null, List.of(decisive));
	}

	private static StreamQuality unclassified(MediaType type, UnclassifiedReason reason, List<MetricCheck> checks) {
		return new StreamQuality(Verdict.UNCLASSIFIED, type, List.of(), reason, checks);
	}

	private static void addAbove(List<MetricCheck> checks, String metric, @Nullable Double value, double threshold) {
		if (value != null && Double.isFinite(value)) {
			checks.add(MetricCheck.above(metric, value, threshold));
		}
	}

	private static @Nullable Double millis(@Nullable Duration duration) {
		return GraphDurations.millis(duration);
	}

}
