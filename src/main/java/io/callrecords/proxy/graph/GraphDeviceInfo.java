package io.callrecords.proxy.graph;

import org.jspecify.annotations.Nullable;

/**
 * A Graph {@code deviceInfo}: one side's audio devices during a medium, named and typed
 * as Graph sends them ({@code cpuInsufficentEventRatio} keeps Graph's spelling).
 */
public record GraphDeviceInfo(@Nullable String captureDeviceDriver, @Nullable String captureDeviceName,
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
