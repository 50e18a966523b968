package io.callrecords.proxy.graph;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A Graph {@code media}: one medium of a segment with both sides' network and device, and
 * its streams.
 *
 * @param label the medium, for example {@code main-audio}
 * @param callerNetwork the caller's network
 * @param calleeNetwork the callee's network
 * @param callerDevice the caller's device
 * @param calleeDevice the callee's device
 * @param streams the streams, one per direction
 */
public record GraphMedia(@Nullable String label, @Nullable GraphNetworkInfo callerNetwork,
		@Nullable GraphNetworkInfo calleeNetwork, @Nullable GraphDeviceInfo callerDevice,
		@Nullable GraphDeviceInfo calleeDevice, @Nullable List<@Nullable GraphMediaStream> streams) {

}
