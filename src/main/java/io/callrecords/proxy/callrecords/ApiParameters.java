package io.callrecords.proxy.callrecords;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.callrecords.proxy.web.InvalidParameter;
import io.callrecords.proxy.graph.GraphCollection;
import io.callrecords.proxy.graph.GraphIds;
import org.jspecify.annotations.Nullable;

/**
 * The checks of the API's parameters that several endpoints share, each written once:
 * call record ids, instants and page sizes. Each adds what is wrong to the request's
 * errors, so that a caller learns every mistake at once.
 */
final class ApiParameters {

	/**
	 * An ISO 8601 date and time with an offset, as clients send it: seconds optional,
	 * fractions up to nine digits (with a point or a comma), the offset {@code Z},
	 * {@code +hh:mm}, {@code +hhmm} or {@code +hh}.
	 */
	private static final Pattern DATE_TIME = Pattern.compile(
			"(\\d{4}-\\d{2}-\\d{2})[Tt](\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?)([Zz]|[+-]\\d{2}(?::?\\d{2})?)");

	private ApiParameters() {
	}

	static void recordId(String id, List<InvalidParameter> errors) {
		if (!GraphIds.isGuid(id)) {
			errors.add(new InvalidParameter("id", "id must be a call record id (a GUID)."));
		}
	}

	/**
	 * Reads an instant: an instant is the same whatever offset it is written with.
	 * @param name the parameter's name
	 * @param value the parameter's value, if sent
	 * @param errors the request's errors
	 * @return the instant, or {@code null} when not sent or invalid
	 */
	static @Nullable Instant instant(String name, @Nullable String value, List<InvalidParameter> errors) {
		if (value == null) {
			return null;
		}
		Matcher matcher = DATE_TIME.matcher(value);
		if (matcher.matches()) {
			try {
				LocalDateTime local = LocalDateTime.parse(matcher.group(1) + "T" + matcher.group(2).replace(',', '.'));
				return local.toInstant(ZoneOffset.of(matcher.group(3).toUpperCase(Locale.ROOT)));
			}
			catch (DateTimeException ex) {
				// a date or an offset out of range: reported below
			}
		}
		errors.add(new InvalidParameter(name, name + " must be a date and time with an offset (ISO 8601), for "
				+ "example 2024-06-01T00:00:00Z, 2024-06-01T02:00:00+02:00 or 2024-06-01T02:00:00.5+0200."));
		return null;
	}

	static void pageSize(@Nullable Integer pageSize, GraphCollection collection, List<InvalidParameter> errors) {
		if (!collection.accepts(pageSize)) {
			errors.add(new InvalidParameter("pageSize", "pageSize must be 1 to " + collection.maxPageSize() + "."));
		}
	}

	static void check(List<InvalidParameter> errors) {
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
	}

}
