package io.callrecords.proxy.quality;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The thresholds of the call-quality classifier. Bound from
 * {@code callrecords.quality.*}, filled from the {@code PROXY_QUALITY_*} environment
 * variables. The defaults are the ones Microsoft publishes for the Call Quality Dashboard
 * ("Stream classification in Call Quality Dashboard"); every comparison is strict, as
 * CQD's.
 *
 * @param audioMinPackets an audio stream is classified only when its
 * {@code packetUtilization} is above this many packets; at or below it (or absent) it is
 * unclassified
 * @param audioRoundTripMs an audio stream is poor when its average round trip is above
 * this, in milliseconds
 * @param audioPacketLossRate ... when its average packet loss rate is above this (a
 * ratio, 0 to 1)
 * @param audioJitterMs ... when its average jitter is above this, in milliseconds
 * @param audioLegacyMetrics whether the two audio rules CQD has since dropped apply too:
 * network MOS degradation and the ratio of concealed samples
 * @param audioDegradation with the legacy metrics, an audio stream is poor when its
 * average network MOS degradation is above this
 * @param audioConcealedRatio with the legacy metrics, ... when its average ratio of
 * concealed samples is above this (0 to 1)
 * @param videoFrameLossPercent a video or screen-sharing stream is poor when its average
 * frame loss is above this percentage (the first of the three metrics it has decides)
 * @param videoFrameRate a video stream is poor when its average frame rate is below this
 * (frames per second; the second metric)
 * @param videoPostFecLossRate a video or screen-sharing stream is poor when its packet
 * loss rate after forward error correction is above this (0 to 1; the third metric)
 * @param screenSharingFrameRate a video-based screen-sharing stream is poor when its
 * average frame rate is below this (frames per second)
 */
@Validated
@ConfigurationProperties("callrecords.quality")
public record QualityProperties(
		@DefaultValue("500") @Min(value = 0,
				message = "must be 0 or more (PROXY_QUALITY_AUDIO_MIN_PACKETS)") long audioMinPackets,
		@DefaultValue("500") @DecimalMin(value = "0", inclusive = false,
				message = "must be more than 0 (PROXY_QUALITY_AUDIO_ROUND_TRIP_MS)") double audioRoundTripMs,
		@DefaultValue("0.1") @DecimalMin(value = "0", inclusive = false,
				message = "must be more than 0 and at most 1 (PROXY_QUALITY_AUDIO_PACKET_LOSS_RATE)") @DecimalMax(
						value = "1",
						message = "must be more than 0 and at most 1 (PROXY_QUALITY_AUDIO_PACKET_LOSS_RATE)") double audioPacketLossRate,
		@DefaultValue("30") @DecimalMin(value = "0", inclusive = false,
				message = "must be more than 0 (PROXY_QUALITY_AUDIO_JITTER_MS)") double audioJitterMs,
		@DefaultValue("false") boolean audioLegacyMetrics,
		@DefaultValue("1.0") @DecimalMin(value = "0", inclusive = false,
				message = "must be more than 0 (PROXY_QUALITY_AUDIO_DEGRADATION)") double audioDegradation,
		@DefaultValue("0.07") @DecimalMin(value = "0", inclusive = false,
				message = "must be more than 0 and at most 1 (PROXY_QUALITY_AUDIO_CONCEALED_RATIO)") @DecimalMax(
						value = "1",
						message = "must be more than 0 and at most 1 (PROXY_QUALITY_AUDIO_CONCEALED_RATIO)") double audioConcealedRatio,
		@DefaultValue("50") @DecimalMin(value = "0", inclusive = false,
				message = "must be more than 0 and at most 100 (PROXY_QUALITY_VIDEO_FRAME_LOSS_PERCENT)") @DecimalMax(
						value = "100",
						message = "must be more than 0 and at most 100 (PROXY_QUALITY_VIDEO_FRAME_LOSS_PERCENT)") double videoFrameLossPercent,
		@DefaultValue("7") @DecimalMin(value = "0", inclusive = false,
				message = "must be more than 0 (PROXY_QUALITY_VIDEO_FRAME_RATE)") double videoFrameRate,
		@DefaultValue("0.15") @DecimalMin(value = "0", inclusive = false,
				message = "must be more than 0 and at most 1 (PROXY_QUALITY_VIDEO_POST_FEC_LOSS_RATE)") @DecimalMax(
						value = "1",
						message = "must be more than 0 and at most 1 (PROXY_QUALITY_VIDEO_POST_FEC_LOSS_RATE)") double videoPostFecLossRate,
		@DefaultValue("2") @DecimalMin(value = "0", inclusive = false,
				message = "must be more than 0 (PROXY_QUALITY_SCREEN_SHARING_FRAME_RATE)") double screenSharingFrameRate) {

	/**
	 * The published thresholds, as the defaults above bind them.
	 * @return the defaults
	 */
	public static QualityProperties defaults() {
		return new QualityProperties(500, 500, 0.1, 30, false, 1.0, 0.07, 50, 7, 0.15, 2);
	}

}
