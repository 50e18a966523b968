package io.callrecords.proxy.callrecords;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The media of one segment: networks and devices of both ends and the streams between
 * them ({@code Media} in {@code api-spec.yaml}).
 *
 * @param label the media label, for example {@code main-audio}
 * @param callerNetwork the caller's network
 * @param calleeNetwork the callee's network
 * @param callerDevice the caller's device
 * @param calleeDevice the callee's device
 * @param streams the streams, one per direction
 */
public record Media(@Nullable String label, @Nullable NetworkInfo callerNetwork, @Nullable NetworkInfo calleeNetwork,
		@Nullable DeviceInfo callerDevice, @Nullable DeviceInfo calleeDevice, @Nullable List<MediaStream> streams) {

}
