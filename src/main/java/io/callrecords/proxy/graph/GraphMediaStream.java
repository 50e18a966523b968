package io.callrecords.proxy.graph;

import java.time.Duration;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A Graph {@code mediaStream}: one direction of one medium with its quality metrics,
 * named and typed as Graph sends them (ISO-8601 durations read as {@link Duration}). See
 * Microsoft's mediaStream documentation for each metric's meaning.
 */
public record GraphMediaStream(@Nullable String streamId, @Nullable String streamDirection,
		@Nullable OffsetDateTime startDateTime, @Nullable OffsetDateTime endDateTime, @Nullable String audioCodec,
		@Nullable String videoCodec, @Nullable Double averageAudioDegradation,
		@JsonDeserialize(using = IsoDuration.class) @Nullable Duration averageAudioNetworkJitter,
		@Nullable Long averageBandwidthEstimate,
		@JsonDeserialize(using = IsoDuration.class) @Nullable Duration averageFreezeDuration,
		@JsonDeserialize(using = IsoDuration.class) @Nullable Duration averageJitter,
		@Nullable Double averagePacketLossRate, @Nullable Double averageRatioOfConcealedSamples,
		@Nullable Double averageReceivedFrameRate,
		@JsonDeserialize(using = IsoDuration.class) @Nullable Duration averageRoundTripTime,
		@Nullable Double averageVideoFrameLossPercentage, @Nullable Double averageVideoFrameRate,
		@Nullable Double averageVideoPacketLossRate, @Nullable Boolean isAudioForwardErrorCorrectionUsed,
		@Nullable Double lowFrameRateRatio, @Nullable Double lowVideoProcessingCapabilityRatio,
		@JsonDeserialize(using = IsoDuration.class) @Nullable Duration maxAudioNetworkJitter,
		@JsonDeserialize(using = IsoDuration.class) @Nullable Duration maxJitter, @Nullable Double maxPacketLossRate,
		@Nullable Double maxRatioOfConcealedSamples,
		@JsonDeserialize(using = IsoDuration.class) @Nullable Duration maxRoundTripTime,
		@Nullable Long packetUtilization, @Nullable Double postForwardErrorCorrectionPacketLossRate,
		@JsonDeserialize(using = IsoDuration.class) @Nullable Duration rmsFreezeDuration,
		@Nullable Boolean wasMediaBypassed) {

}
