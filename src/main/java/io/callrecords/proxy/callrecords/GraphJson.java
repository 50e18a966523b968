package io.callrecords.proxy.callrecords;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Tolerant readers for Graph JSON: a missing, {@code null} or mistyped value reads as
 * {@code null}, never as an exception, so that a record Graph changes in a small way
 * still maps.
 */
final class GraphJson {

	private GraphJson() {
	}

	static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	static @Nullable Boolean bool(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isBoolean()) ? value.booleanValue() : null;
	}

	static @Nullable Double decimal(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null) {
			return null;
		}
		if (value.isNumber()) {
			return value.doubleValue();
		}
		if (value.isString()) {
			try {
				return new BigDecimal(value.asString().trim()).doubleValue();
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	static @Nullable Long integer(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null) {
			return null;
		}
		if (value.isIntegralNumber() && value.canConvertToLong()) {
			return value.longValue();
		}
		if (value.isString() && value.asString().trim().matches("-?\\d{1,18}")) {
			return Long.parseLong(value.asString().trim());
		}
		return null;
	}

	static @Nullable Integer int32(JsonNode node, String field) {
		Long value = integer(node, field);
		return (value != null && value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) ? value.intValue() : null;
	}

	static @Nullable OffsetDateTime dateTime(JsonNode node, String field) {
		String value = text(node, field);
		if (value == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/**
	 * Reads an ISO-8601 duration such as {@code PT0.016S} as milliseconds.
	 */
	static @Nullable Double millis(JsonNode node, String field) {
		String value = text(node, field);
		if (value == null) {
			return null;
		}
		try {
			Duration duration = Duration.parse(value);
			return BigDecimal.valueOf(duration.getSeconds())
				.movePointRight(3)
				.add(BigDecimal.valueOf(duration.getNano()).movePointLeft(6))
				.doubleValue();
		}
		catch (DateTimeException | ArithmeticException ex) {
			return null;
		}
	}

	static @Nullable List<String> texts(JsonNode node, String field) {
		return list(node, field, (item) -> item.isString() ? item.asString() : null);
	}

	static @Nullable JsonNode object(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isObject()) ? value : null;
	}

	/**
	 * Maps each element of an array, dropping elements that map to {@code null}.
	 */
	static <T> @Nullable List<T> list(JsonNode node, String field, Function<JsonNode, @Nullable T> mapper) {
		JsonNode value = node.get(field);
		if (value == null || !value.isArray()) {
			return null;
		}
		List<T> result = new ArrayList<>(value.size());
		for (JsonNode item : value) {
			T mapped = mapper.apply(item);
			if (mapped != null) {
				result.add(mapped);
			}
		}
		return result;
	}

}
