package io.callrecords.proxy.graph;

import java.time.Duration;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads Graph's durations, which Graph writes as ISO-8601 text only ({@code PT0.016S}):
 * anything else, numbers included, reads as absent rather than as a guess of the unit.
 */
final class IsoDuration extends ValueDeserializer<Duration> {

	@Override
	public @Nullable Duration deserialize(JsonParser parser, DeserializationContext context) {
		if (parser.currentToken() != JsonToken.VALUE_STRING) {
			parser.skipChildren();
			return null;
		}
		try {
			return Duration.parse(parser.getString().trim());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
