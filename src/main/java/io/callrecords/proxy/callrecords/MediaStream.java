package io.callrecords.proxy.callrecords;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.callrecords.proxy.quality.StreamQuality;
import org.jspecify.annotations.Nullable;

/**
 * One direction of one media stream with its quality metrics ({@code MediaStream} in
 * {@code api-spec.yaml}). Graph's ISO-8601 durations are milliseconds here ({@code *Ms});
 * every other metric keeps Graph's name and value. See Microsoft's mediaStream
 * documentation for each metric's meaning. {@code quality} is the Call Quality Dashboard
 * verdict on the stream; the metrics it compared are beside it, so its {@code checks} are
 * left to the call-quality report (a record of thousands of streams would otherwise grow
 * by nearly half).
 */
public record MediaStream(@Nullable String streamId, @Nullable String streamDirection,
		@Nullable OffsetDateTime startDateTime, @Nullable OffsetDateTime endDateTime, @Nullable String audioCodec,
		@Nullable String videoCodec, @Nullable Double averageAudioDegradation,
		@Nullable Double averageAudioNetworkJitterMs, @Nullable Long averageBandwidthEstimate,
		@Nullable Double averageFreezeDurationMs, @Nullable Double averageJitterMs,
		@Nullable Double averagePacketLossRate, @Nullable Double averageRatioOfConcealedSamples,
		@Nullable Double averageReceivedFrameRate, @Nullable Double averageRoundTripTimeMs,
		@Nullable Double averageVideoFrameLossPercentage, @Nullable Double averageVideoFrameRate,
		@Nullable Double averageVideoPacketLossRate, @Nullable Boolean isAudioForwardErrorCorrectionUsed,
		@Nullable Double lowFrameRateRatio, @Nullable Double lowVideoProcessingCapabilityRatio,
		@Nullable Double maxAudioNetworkJitterMs, @Nullable Double maxJitterMs, @Nullable Double maxPacketLossRate,
		@Nullable Double maxRatioOfConcealedSamples, @Nullable Double maxRoundTripTimeMs,
		@Nullable Long packetUtilization, @Nullable Double postForwardErrorCorrectionPacketLossRate,
		@Nullable Double rmsFreezeDurationMs, @Nullable Boolean wasMediaBypassed,
		@JsonIgnoreProperties("checks") StreamQuality quality) {

}
