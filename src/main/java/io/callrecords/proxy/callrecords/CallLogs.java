package io.callrecords.proxy.callrecords;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.callrecords.proxy.graph.CallRecordFilter;
import io.callrecords.proxy.graph.GraphClient;
import io.callrecords.proxy.graph.GraphCollection;
import io.callrecords.proxy.graph.GraphDirectRoutingRow;
import io.callrecords.proxy.graph.GraphException;
import io.callrecords.proxy.graph.GraphFailure;
import io.callrecords.proxy.graph.GraphPage;
import io.callrecords.proxy.graph.GraphProperties;
import io.callrecords.proxy.graph.GraphPstnCallRow;
import io.callrecords.proxy.graph.PageLink;
import io.callrecords.proxy.graph.PageRequest;
import io.callrecords.proxy.web.InvalidParameter;
import io.callrecords.proxy.web.ProblemCode;
import io.callrecords.proxy.web.ProblemException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * The PSTN and Direct Routing call logs: Graph's {@code getPstnCalls} and
 * {@code getDirectRoutingCalls}, read for a time range with one meaning on both (from
 * inclusive, to exclusive, on the call's start), paged with the API's sealed cursors.
 * <p>
 * Graph serves these functions 1,000 rows a page, paged by {@code $skip} links. A page of
 * the API is a slice of one Graph page: its cursor holds the Graph link of the page it
 * continues in (none for the query's first page) and the number of rows of that page
 * already answered. Rows Graph returns outside the range (PSTN's {@code toDateTime} is
 * inclusive) are left out before slicing.
 */
@Service
class CallLogs {

	/** The longest range, in days: Graph's limit for {@code getPstnCalls}. */
	static final int MAX_RANGE_DAYS = 90;

	/** The least-privileged Graph permission both functions accept. */
	static final String PERMISSION = "CallRecord-PstnCalls.Read.All";

	/** Graph's value of {@code failureDateTime} for a call that did not fail. */
	private static final Instant NO_FAILURE = Instant.parse("0001-01-01T00:00:00Z");

	private static final String OTHER_RANGE = "The cursor belongs to a query with another range. Send the cursor "
			+ "alone, or with the from and to of the query that returned it.";

	private static final String MISPLACED = "The cursor does not lead to this service's Microsoft Graph.";

	private final GraphClient graph;

	private final Cursors cursors;

	private final boolean maskPhoneNumbers;

	private final boolean nationalCloud;

	CallLogs(GraphClient graph, Cursors cursors, ApiProperties api, GraphProperties graphProperties) {
		this.graph = graph;
		this.cursors = cursors;
		this.maskPhoneNumbers = api.maskPhoneNumbers();
		this.nationalCloud = graphProperties.nationalCloud();
	}

	Mono<PstnCallPage> pstnCalls(@Nullable String from, @Nullable String to, @Nullable Integer pageSize,
			@Nullable String cursor, String clientRequestId) {
		return read(GraphCollection.PSTN_CALLS, from, to, pageSize, cursor, clientRequestId, this.graph::listPstnCalls,
				GraphPstnCallRow::startDateTime, this::pstnCall)
			.map((page) -> new PstnCallPage(page.items(), page.nextCursor()));
	}

	Mono<DirectRoutingCallPage> directRoutingCalls(@Nullable String from, @Nullable String to,
			@Nullable Integer pageSize, @Nullable String cursor, String clientRequestId) {
		if (this.nationalCloud) {
			throw new NotAvailableInCloudException();
		}
		return read(GraphCollection.DIRECT_ROUTING_CALLS, from, to, pageSize, cursor, clientRequestId,
				this.graph::listDirectRoutingCalls, GraphDirectRoutingRow::startDateTime, this::directRoutingCall)
			.map((page) -> new DirectRoutingCallPage(page.items(), page.nextCursor()));
	}

	private <R, T> Mono<Slice<T>> read(GraphCollection collection, @Nullable String from, @Nullable String to,
			@Nullable Integer pageSize, @Nullable String cursor, String clientRequestId,
			Function<PageRequest, Mono<GraphPage<R>>> list, Function<R, @Nullable OffsetDateTime> start,
			Function<R, T> map) {
		List<InvalidParameter> errors = new ArrayList<>();
		// every ISO 8601 offset form, as the call records' list reads them
		Instant begin = ApiParameters.instant("from", from, errors);
		Instant end = ApiParameters.instant("to", to, errors);
		if (errors.isEmpty()) {
			range(begin, end, cursor != null, errors);
		}
		ApiParameters.pageSize(pageSize, collection, errors);
		ApiParameters.check(errors);
		String scope = collection.name().toLowerCase(java.util.Locale.ROOT);
		Position position;
		if (cursor != null) {
			position = open(scope, collection, cursor);
			if (begin != null && end != null && (!position.from().equals(begin) || !position.to().equals(end))) {
				throw new InvalidCursorException(OTHER_RANGE);
			}
		}
		else {
			position = new Position(begin, end, null, 0);
		}
		Position at = position;
		PageRequest request = PageRequest
			.callLog(collection, new CallRecordFilter(at.from(), at.to(), null), clientRequestId)
			.continueAt(at.page());
		int size = (pageSize != null) ? pageSize : collection.maxPageSize();
		return list.apply(request).onErrorMap(CallLogs::forbidden, CallLogs::missingPermission).map((page) -> {
			List<R> rows = new ArrayList<>();
			for (R row : page.items()) {
				if (inRange(start.apply(row), at.from(), at.to())) {
					rows.add(row);
				}
			}
			int first = Math.min(at.offset(), rows.size());
			int last = Math.min(rows.size(), first + size);
			List<T> items = rows.subList(first, last).stream().map(map).toList();
			String next = null;
			if (last < rows.size()) {
				next = seal(scope, new Position(at.from(), at.to(), at.page(), last));
			}
			else if (page.next() != null) {
				next = seal(scope, new Position(at.from(), at.to(), page.next(), 0));
			}
			return new Slice<>(items, next);
		});
	}

	/**
	 * The range's rules: both bounds (unless a cursor carries them), {@code to} after
	 * {@code from}, at most {@value #MAX_RANGE_DAYS} days.
	 */
	static void range(@Nullable Instant from, @Nullable Instant to, boolean cursor, List<InvalidParameter> errors) {
		if (from == null && (!cursor || to != null)) {
			errors.add(new InvalidParameter("from", "from is required: the start of the range, inclusive."));
		}
		if (to == null && (!cursor || from != null)) {
			errors.add(new InvalidParameter("to", "to is required: the end of the range, exclusive."));
		}
		if (from != null && to != null) {
			if (!from.isBefore(to)) {
				errors.add(new InvalidParameter("to", "to must be after from."));
			}
			else if (Duration.between(from, to).compareTo(Duration.ofDays(MAX_RANGE_DAYS)) > 0) {
				errors.add(new InvalidParameter("to",
						"The range may span at most " + MAX_RANGE_DAYS + " days (Microsoft Graph's limit)."));
			}
		}
	}

	/** From inclusive, to exclusive; a row without a start time is kept. */
	private static boolean inRange(@Nullable OffsetDateTime start, Instant from, Instant to) {
		if (start == null) {
			return true;
		}
		Instant instant = start.toInstant();
		return !instant.isBefore(from) && instant.isBefore(to);
	}

	private String seal(String scope, Position position) {
		String link = (position.page() != null) ? position.page().value() : "";
		return this.cursors.seal(scope, position.from() + "|" + position.to() + "|" + position.offset() + "\n" + link);
	}

	private Position open(String scope, GraphCollection collection, String cursor) {
		String payload = this.cursors.open(scope, cursor);
		int newline = payload.indexOf('\n');
		String[] query = payload.substring(0, Math.max(newline, 0)).split("\\|");
		if (newline < 0 || query.length != 3) {
			throw new InvalidCursorException(MISPLACED);
		}
		String link = payload.substring(newline + 1);
		PageLink page = null;
		if (!link.isEmpty()) {
			page = this.graph.pageLink(link, collection, null);
			if (page == null) {
				throw new InvalidCursorException(MISPLACED);
			}
		}
		return new Position(Instant.parse(query[0]), Instant.parse(query[1]), page, Integer.parseInt(query[2]));
	}

	private static boolean forbidden(Throwable ex) {
		return ex instanceof GraphException failure && failure.failure() == GraphFailure.FORBIDDEN;
	}

	private static Throwable missingPermission(Throwable ex) {
		return new MissingPermissionException(((GraphException) ex).upstreamRequestId());
	}

	private PstnCall pstnCall(GraphPstnCallRow row) {
		return new PstnCall(row.id(), row.callId(), row.userId(), row.userPrincipalName(), row.userDisplayName(),
				instant(row.startDateTime()), instant(row.endDateTime()), row.duration(), row.charge(),
				row.connectionCharge(), row.currency(), row.callType(), number(row.callerNumber()),
				number(row.calleeNumber()), row.usageCountryCode(), row.tenantCountryCode(), row.destinationContext(),
				row.destinationName(), row.conferenceId(), row.licenseCapability(), row.inventoryType(), row.operator(),
				row.callDurationSource());
	}

	private DirectRoutingCall directRoutingCall(GraphDirectRoutingRow row) {
		Instant failure = instant(row.failureDateTime());
		return new DirectRoutingCall(row.id(), row.correlationId(), row.userId(), row.userPrincipalName(),
				row.userDisplayName(), instant(row.startDateTime()), instant(row.inviteDateTime()),
				NO_FAILURE.equals(failure) ? null : failure, instant(row.endDateTime()), row.duration(), row.callType(),
				row.successfulCall(), number(row.callerNumber()), number(row.calleeNumber()), row.mediaPathLocation(),
				row.signalingLocation(), row.finalSipCode(), row.callEndSubReason(), row.finalSipCodePhrase(),
				row.trunkFullyQualifiedDomainName(), row.mediaBypassEnabled());
	}

	private @Nullable String number(@Nullable String number) {
		return this.maskPhoneNumbers ? mask(number) : number;
	}

	/**
	 * A phone number with every digit but its last four replaced by {@code *}; other
	 * characters ({@code +}, Graph's own {@code *}) are kept.
	 * @param number the number
	 * @return the masked number
	 */
	static @Nullable String mask(@Nullable String number) {
		if (number == null) {
			return null;
		}
		int digits = (int) number.chars().filter(Character::isDigit).count();
		int hide = Math.max(0, digits - 4);
		StringBuilder masked = new StringBuilder(number.length());
		for (char c : number.toCharArray()) {
			if (Character.isDigit(c) && hide > 0) {
				masked.append('*');
				hide--;
			}
			else {
				masked.append(c);
			}
		}
		return masked.toString();
	}

	private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

	/**
	 * Where a cursor continues.
	 *
	 * @param from the range's start
	 * @param to the range's end
	 * @param page the Graph page it continues in, {@code null} for the query's first
	 * @param offset the rows of that page (in the range) already answered
	 */
	private record Position(Instant from, Instant to, @Nullable PageLink page, int offset) {
	}

	private record Slice<T>(List<T> items, @Nullable String nextCursor) {
	}

	/** Graph answered 403: the service's app lacks the call logs' permission. */
	static final class MissingPermissionException extends ProblemException {

		MissingPermissionException(@Nullable String upstreamRequestId) {
			super(ProblemCode.UPSTREAM_FORBIDDEN,
					"Microsoft Graph denied access to the call logs: the service's app registration lacks the "
							+ PERMISSION + " application permission (or CallRecords.Read.All) or its admin consent. "
							+ "An administrator must grant it.",
					(upstreamRequestId != null)
							? Map.of("missingPermission", PERMISSION, "upstreamRequestId", upstreamRequestId)
							: Map.of("missingPermission", PERMISSION));
		}

	}

	/** Direct Routing logs asked of a service configured for a national cloud. */
	static final class NotAvailableInCloudException extends ProblemException {

		NotAvailableInCloudException() {
			// a problem code of its own would add a value to the released contract's
			// enum,
			// which generated clients reject: the existing NOT_FOUND with a member saying
			// why
			super(ProblemCode.NOT_FOUND,
					"Microsoft Graph offers Direct Routing call logs in the global cloud only; this service is "
							+ "configured for a national cloud (GRAPH_BASE_URL). It was not sent to Microsoft Graph.",
					Map.of("availability", "GLOBAL_CLOUD_ONLY"));
		}

	}

}
