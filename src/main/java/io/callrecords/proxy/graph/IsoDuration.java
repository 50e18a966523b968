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
		return parse(parser.getString().trim());
	}

	/**
	 * Reads an ISO-8601 duration as {@link Duration#parse} does. Graph's own form
	 * ({@code PT0.016S}, {@code PT1M2.5S}, {@code PT2H}) is read by hand, without the
	 * regular expression {@code Duration.parse} matches: a 1 MB call record holds
	 * thousands of them, and the expression was the largest single cost of reading one.
	 * @param text the text
	 * @return the duration, or {@code null} when the text is not one
	 */
	static @Nullable Duration parse(String text) {
		Duration quick = graphForm(text);
		if (quick != null) {
			return quick;
		}
		try {
			return Duration.parse(text);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * {@code PT[hH][mM][s[.f]S]} with at least one part, unsigned, at most 9 digits in a
	 * whole number and 1 to 9 in a fraction; anything else (signs, days, commas, more
	 * digits) is left to {@link Duration#parse}.
	 */
	private static @Nullable Duration graphForm(String text) {
		int length = text.length();
		if (length < 4 || text.charAt(0) != 'P' || text.charAt(1) != 'T') {
			return null;
		}
		long seconds = 0;
		long nanos = 0;
		int position = 2;
		int order = 0;
		while (position < length) {
			int start = position;
			while (position < length && isDigit(text.charAt(position))) {
				position++;
			}
			int digits = position - start;
			if (digits == 0 || digits > 9 || position == length) {
				return null;
			}
			long number = Long.parseLong(text, start, position, 10);
			char unit = text.charAt(position);
			if (unit == 'H' && order < 1) {
				seconds += number * 3600;
				order = 1;
			}
			else if (unit == 'M' && order < 2) {
				seconds += number * 60;
				order = 2;
			}
			else if (unit == 'S' && order < 3) {
				seconds += number;
				order = 3;
			}
			else if (unit == '.' && order < 3) {
				int fraction = ++position;
				while (position < length && isDigit(text.charAt(position))) {
					position++;
				}
				int fractionDigits = position - fraction;
				if (fractionDigits == 0 || fractionDigits > 9 || position == length || text.charAt(position) != 'S') {
					return null;
				}
				nanos = Long.parseLong(text, fraction, position, 10);
				for (int i = fractionDigits; i < 9; i++) {
					nanos *= 10;
				}
				seconds += number;
				order = 3;
			}
			else {
				return null;
			}
			position++;
		}
		return Duration.ofSeconds(seconds, nanos);
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
