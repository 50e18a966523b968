package io.callrecords.proxy.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/**
 * A Graph {@code identitySet} ({@code communicationsIdentitySet}): named slots
 * ({@code user}, {@code guest}, {@code phone}, ...), each holding an identity or nothing.
 * Slots Graph adds later are kept under their names, in Graph's order; members that are
 * not identities (such as {@code endpointType}) read as empty slots.
 *
 * @param slots the slots by name, in Graph's order
 */
public record GraphIdentitySet(Map<String, @Nullable GraphIdentity> slots) {

	/**
	 * An identity set.
	 * @param slots the slots by name, in Graph's order; {@code null} (Graph sent
	 * something other than an object) for no slots
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public GraphIdentitySet(@Nullable Map<String, @Nullable GraphIdentity> slots) {
		this.slots = (slots != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(slots)) : Map.of();
	}

	/**
	 * The identity in a slot.
	 * @param name the slot's name
	 * @return the identity, or {@code null} when the slot is empty or absent
	 */
	public @Nullable GraphIdentity slot(String name) {
		return this.slots.get(name);
	}

}
