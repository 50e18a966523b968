package io.callrecords.proxy.graph;

import org.jspecify.annotations.Nullable;

/**
 * A Graph {@code participant} or {@code organizer}: an id and an identity set.
 *
 * @param id the participant's id
 * @param identity who it is
 */
public record GraphParticipant(@Nullable String id, @Nullable GraphIdentitySet identity) {

}
