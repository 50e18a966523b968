package io.callrecords.proxy.callrecords;

import org.jspecify.annotations.Nullable;

/**
 * The audio devices of one end of a stream ({@code DeviceInfo} in {@code api-spec.yaml}),
 * named as Graph names them, including Graph's spelling of
 * {@code cpuInsufficentEventRatio}.
 */
public record DeviceInfo(@Nullable String captureDeviceDriver, @Nullable String captureDeviceName,
		@Nullable String renderDeviceDriver, @Nullable String renderDeviceName,
		@Nullable Double captureNotFunctioningEventRatio, @Nullable Double cpuInsufficentEventRatio,
		@Nullable Double deviceClippingEventRatio, @Nullable Double deviceGlitchEventRatio,
		@Nullable Integer howlingEventCount, @Nullable Double initialSignalLevelRootMeanSquare,
		@Nullable Double lowSpeechLevelEventRatio, @Nullable Double lowSpeechToNoiseEventRatio,
		@Nullable Double micGlitchRate, @Nullable Integer receivedNoiseLevel, @Nullable Integer receivedSignalLevel,
		@Nullable Double renderMuteEventRatio, @Nullable Double renderNotFunctioningEventRatio,
		@Nullable Double renderZeroVolumeEventRatio, @Nullable Integer sentNoiseLevel,
		@Nullable Integer sentSignalLevel, @Nullable Double speakerGlitchRate) {

}
