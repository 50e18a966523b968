package io.callrecords.proxy.graph.internal;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads Graph's JSON straight into the typed records of the {@code graph} package,
 * without a tree in between. Tolerant the way Graph needs: unknown properties are
 * ignored, and a value of the wrong type or format (a string where a number belongs, an
 * object where a string belongs, a date that does not parse) reads as {@code null} rather
 * than failing the whole record. Only a body that is not JSON at all fails.
 * <p>
 * A large record repeats the same few values thousands of times (directions, codecs,
 * platforms, user agents, network names, zero ratios): within one body each distinct text
 * and decimal is kept once, which holds a 20 MB record in far less memory.
 */
final class GraphJson {

	private final JsonMapper mapper;

	GraphJson() {
		this(true);
	}

	/**
	 * A reader, with Graph's UTC timestamps and Graph's records read by hand
	 * ({@link QuickRecords}) or (for tests, to compare) all by Jackson's own readers.
	 * @param quick whether to read {@code 2024-06-01T11:00:00.1234567Z} and records by
	 * hand
	 */
	GraphJson(boolean quick) {
		SimpleModule values = new SimpleModule("graph-values").addDeserializer(String.class, new CanonicalString())
			.addDeserializer(Double.class, new CanonicalDouble());
		if (quick) {
			values.addDeserializer(OffsetDateTime.class, new UtcDateTime());
			values.setDeserializerModifier(new QuickRecords());
		}
		this.mapper = JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
			.addHandler(new Lenient())
			// a fraction where Graph writes a whole number, or a number where it writes a
			// boolean, is not what Graph meant: read it as absent rather than guess (text
			// and decimals are read by the canonical readers below)
			.withCoercionConfig(LogicalType.Integer,
					(number) -> number.setCoercion(CoercionInputShape.Float, CoercionAction.AsNull)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.AsNull))
			.withCoercionConfig(LogicalType.Boolean,
					(bool) -> bool.setCoercion(CoercionInputShape.Integer, CoercionAction.AsNull)
						.setCoercion(CoercionInputShape.String, CoercionAction.AsNull))
			.addModule(values)
			.build();
	}

	/**
	 * Reads a body.
	 * @param <T> the type to read
	 * @param body the body
	 * @param type the type to read
	 * @return the value, {@code null} when the body is JSON {@code null} or of another
	 * shape altogether
	 * @throws JacksonException when the body is not JSON
	 */
	<T> @Nullable T read(InputStream body, JavaType type) {
		return this.mapper.readValue(body, type);
	}

	<T> @Nullable T read(String body, Class<T> type) {
		return this.mapper.readValue(body, type);
	}

	JavaType type(Class<?> type) {
		return this.mapper.getTypeFactory().constructType(type);
	}

	JavaType pageOf(Class<?> itemType) {
		return this.mapper.getTypeFactory().constructParametricType(PageBody.class, itemType);
	}

	/**
	 * The one instance of a value within the body being read.
	 */
	@SuppressWarnings("unchecked")
	private static <T> T canonical(DeserializationContext context, T value) {
		Map<Object, Object> seen = (Map<Object, Object>) context.getAttribute(CanonicalString.class);
		if (seen == null) {
			seen = new HashMap<>();
			context.setAttribute(CanonicalString.class, seen);
		}
		return (T) seen.computeIfAbsent(value, (key) -> key);
	}

	/**
	 * Graph's text values, each distinct one kept once per body; anything but text reads
	 * as absent.
	 */
	private static final class CanonicalString extends ValueDeserializer<String> {

		@Override
		public @Nullable String deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.currentToken() != JsonToken.VALUE_STRING) {
				parser.skipChildren();
				return null;
			}
			return canonical(context, parser.getString());
		}

	}

	/**
	 * Graph's timestamps in the form Graph writes them
	 * ({@code 2024-06-01T11:00:00.1234567Z}: UTC, up to 9 digits of a second) read by
	 * hand: a large record holds thousands, and Jackson's reader (a
	 * {@code DateTimeFormatter} that builds maps per value) was a sixth of the cost of
	 * reading one. Anything else, including every value the hand reader would not take as
	 * it is (other offsets, out-of-range fields, spaces), goes to Jackson's own reader,
	 * with the same result as before.
	 */
	private static final class UtcDateTime extends ValueDeserializer<OffsetDateTime> {

		private static final int SHORTEST = "2024-06-01T11:00:00Z".length();

		@Override
		public @Nullable OffsetDateTime deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.currentToken() == JsonToken.VALUE_STRING) {
				OffsetDateTime quick = utc(parser.getString());
				if (quick != null) {
					return quick;
				}
			}
			return InstantDeserializer.OFFSET_DATE_TIME.deserialize(parser, context);
		}

		static @Nullable OffsetDateTime utc(String text) {
			int length = text.length();
			if (length < SHORTEST || length == SHORTEST + 1 || length > SHORTEST + 10 || text.charAt(length - 1) != 'Z'
					|| text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
					|| text.charAt(13) != ':' || text.charAt(16) != ':') {
				return null;
			}
			int nanos = 0;
			if (length > SHORTEST) {
				if (text.charAt(19) != '.') {
					return null;
				}
				int fraction = number(text, 20, length - 1);
				if (fraction < 0) {
					return null;
				}
				nanos = fraction;
				for (int i = length - 1 - 20; i < 9; i++) {
					nanos *= 10;
				}
			}
			int year = number(text, 0, 4);
			int month = number(text, 5, 7);
			int day = number(text, 8, 10);
			int hour = number(text, 11, 13);
			int minute = number(text, 14, 16);
			int second = number(text, 17, 19);
			if ((year | month | day | hour | minute | second) < 0) {
				return null;
			}
			try {
				return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, ZoneOffset.UTC);
			}
			catch (DateTimeException ex) {
				return null;
			}
		}

		/** The digits from start to end as a number, or -1 when one is not a digit. */
		private static int number(String text, int start, int end) {
			int value = 0;
			for (int i = start; i < end; i++) {
				char c = text.charAt(i);
				if (c < '0' || c > '9') {
					return -1;
				}
				value = value * 10 + (c - '0');
			}
			return value;
		}

	}

	/**
	 * Graph's decimals, written as numbers or as text ({@code "0.25"}), each distinct one
	 * kept once per body; anything else reads as absent.
	 */
	private static final class CanonicalDouble extends ValueDeserializer<Double> {

		@Override
		public @Nullable Double deserialize(JsonParser parser, DeserializationContext context) {
			JsonToken token = parser.currentToken();
			if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
				return canonical(context, parser.getDoubleValue());
			}
			if (token == JsonToken.VALUE_STRING) {
				try {
					return canonical(context, new BigDecimal(parser.getString().trim()).doubleValue());
				}
				catch (NumberFormatException ex) {
					return null;
				}
			}
			parser.skipChildren();
			return null;
		}

	}

	/**
	 * Turns each mismatch into a {@code null}, skipping the value that did not fit.
	 */
	private static final class Lenient extends DeserializationProblemHandler {

		@Override
		public @Nullable Object handleWeirdStringValue(DeserializationContext context, Class<?> targetType,
				String value, String failureMessage) {
			return null;
		}

		@Override
		public @Nullable Object handleWeirdNumberValue(DeserializationContext context, Class<?> targetType,
				Number value, String failureMessage) {
			return null;
		}

		@Override
		public @Nullable Object handleUnexpectedToken(DeserializationContext context, JavaType targetType,
				JsonToken token, JsonParser parser, String failureMessage) {
			parser.skipChildren();
			return null;
		}

		@Override
		public @Nullable Object handleInstantiationProblem(DeserializationContext context, Class<?> instanceClass,
				Object argument, Throwable cause) {
			return null;
		}

		@Override
		public @Nullable Object handleMissingInstantiator(DeserializationContext context, Class<?> instanceClass,
				ValueInstantiator instantiator, JsonParser parser, String message) {
			parser.skipChildren();
			return null;
		}

	}

}
