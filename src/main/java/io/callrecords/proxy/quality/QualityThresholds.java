package io.callrecords.proxy.quality;

import org.jspecify.annotations.Nullable;

/**
 * The thresholds a report was made with ({@code QualityThresholds} in
 * {@code api-spec.yaml}); each condition is strict.
 *
 * @param audio the audio rule's
 * @param video the video rule's
 * @param screenSharing the video-based screen-sharing rule's
 */
public record QualityThresholds(Audio audio, Video video, Video screenSharing) {

	static QualityThresholds of(QualityProperties properties) {
		boolean legacy = properties.audioLegacyMetrics();
		return new QualityThresholds(
				new Audio(properties.audioMinPackets(), properties.audioRoundTripMs(), properties.audioPacketLossRate(),
						properties.audioJitterMs(), legacy ? properties.audioDegradation() : null,
						legacy ? properties.audioConcealedRatio() : null),
				new Video(properties.videoFrameLossPercent(), properties.videoFrameRate(),
						properties.videoPostFecLossRate()),
				new Video(properties.videoFrameLossPercent(), properties.screenSharingFrameRate(),
						properties.videoPostFecLossRate()));
	}

	/**
	 * The audio rule: classified when {@code packetUtilization > minPackets}, then poor
	 * when any metric is above its threshold ({@code AudioThresholds} in
	 * {@code api-spec.yaml}).
	 *
	 * @param minPackets the packet gate
	 * @param roundTripTimeMs the average round trip, in milliseconds
	 * @param packetLossRate the average packet loss rate
	 * @param jitterMs the average jitter, in milliseconds
	 * @param audioDegradation the network MOS degradation, when the legacy metrics apply
	 * @param concealedSamplesRatio the ratio of concealed samples, when the legacy
	 * metrics apply
	 */
	public record Audio(long minPackets, double roundTripTimeMs, double packetLossRate, double jitterMs,
			@Nullable Double audioDegradation, @Nullable Double concealedSamplesRatio) {

	}

	/**
	 * A video rule: the first metric the stream has decides ({@code VideoThresholds} in
	 * {@code api-spec.yaml}).
	 *
	 * @param frameLossPercentage poor above this average frame loss, in percent
	 * @param frameRate poor below this average frame rate, in frames per second
	 * @param postFecPacketLossRate poor above this packet loss rate after FEC
	 */
	public record Video(double frameLossPercentage, double frameRate, double postFecPacketLossRate) {

	}

}
