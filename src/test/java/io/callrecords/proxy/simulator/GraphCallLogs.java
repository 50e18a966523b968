package io.callrecords.proxy.simulator;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static io.callrecords.proxy.simulator.GraphSimulator.VERSION_PATH;

/**
 * Graph's two PSTN call-log functions, {@code getPstnCalls} and
 * {@code getDirectRoutingCalls}: the official example rows plus generated ones, filtered
 * by the function's range as Graph documents it (from inclusive; PSTN's
 * {@code toDateTime} inclusive, Direct Routing's exclusive), 1,000 rows a page with
 * {@code $skip} next links. Errors as Graph's: 401 without a valid token, 400 for
 * parameters it cannot read or a reversed range, 406 for a PSTN range over 90 days, and
 * the injected faults of {@link GraphFaults} (scopes {@code pstn_calls} and
 * {@code direct_routing_calls}).
 */
final class GraphCallLogs extends NamedTransformer {

	static final String NAME = "graph-call-logs";

	/** Where the generated rows start. */
	static final Instant SERIES_START = Instant.parse("2026-11-01T00:00:00Z");

	/** How many PSTN rows are generated, one every {@link #PSTN_STEP}. */
	static final int PSTN_SERIES_SIZE = 2500;

	static final Duration PSTN_STEP = Duration.ofMinutes(5);

	/**
	 * How many Direct Routing rows are generated, one every {@link #DIRECT_ROUTING_STEP}.
	 */
	static final int DIRECT_ROUTING_SERIES_SIZE = 1200;

	static final Duration DIRECT_ROUTING_STEP = Duration.ofMinutes(10);

	static final String PATH_PATTERN = VERSION_PATH
			+ "/communications/callRecords/(getPstnCalls|getDirectRoutingCalls)\\((.*)\\)";

	private static final Pattern PATH = Pattern.compile(PATH_PATTERN);

	private static final Pattern PARAMETERS = Pattern.compile("fromDateTime=([^,]+),toDateTime=([^,]+)");

	private static final Pattern SKIP = Pattern.compile("(?:^|&)\\$skip=(\\d+)");

	private static final int PAGE_SIZE = 1000;

	private final TokenIssuer tokens;

	private final JsonMapper json;

	private final Supplier<String> origin;

	private final GraphFaults faults;

	private final List<ObjectNode> pstn;

	private final List<ObjectNode> directRouting;

	GraphCallLogs(TokenIssuer tokens, JsonMapper json, Supplier<String> origin, GraphFaults faults) {
		super(NAME);
		this.tokens = tokens;
		this.json = json;
		this.origin = origin;
		this.faults = faults;
		this.pstn = sorted(fixture("pstncalls-get.json"), pstnSeries());
		this.directRouting = sorted(fixture("directroutingcalls-get.json"), directRoutingSeries());
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		Request request = serveEvent.getRequest();
		String path = request.getUrl().split("\\?", 2)[0];
		String scope = path.contains("getPstnCalls") ? "pstn_calls" : "direct_routing_calls";
		ResponseDefinition fault = this.faults.graph(scope, () -> serve(request),
				request.getHeader("client-request-id"));
		return (fault != null) ? fault : serve(request);
	}

	private ResponseDefinition serve(Request request) {
		String clientRequestId = request.getHeader("client-request-id");
		ResponseDefinition unauthenticated = GraphCallRecords.unauthenticated(request, this.tokens);
		if (unauthenticated != null) {
			return unauthenticated;
		}
		String[] parts = request.getUrl().split("\\?", 2);
		String path = parts[0];
		String query = (parts.length > 1) ? parts[1] : "";
		Matcher matcher = PATH.matcher(java.net.URLDecoder.decode(path, StandardCharsets.UTF_8));
		Matcher parameters = matcher.matches() ? PARAMETERS.matcher(matcher.group(2)) : null;
		if (parameters == null || !parameters.matches()) {
			return GraphCallRecords.error(400, "BadRequest", "fromDateTime and toDateTime are required.",
					clientRequestId);
		}
		boolean isPstn = "getPstnCalls".equals(matcher.group(1));
		Instant from = time(parameters.group(1));
		Instant to = time(parameters.group(2));
		if (from == null || to == null || to.isBefore(from)) {
			return GraphCallRecords.error(400, "BadRequest", "The range is invalid.", clientRequestId);
		}
		if (isPstn && Duration.between(from, to).compareTo(Duration.ofDays(90)) > 0) {
			// reported by the community (microsoftgraph/microsoft-graph-docs PR #10883)
			return GraphCallRecords.error(406, "NotAcceptable", "The range may not exceed 90 days.", clientRequestId);
		}
		List<ObjectNode> rows = new ArrayList<>();
		for (ObjectNode row : isPstn ? this.pstn : this.directRouting) {
			Instant start = Instant.parse(row.path("startDateTime").asString());
			// Graph documents PSTN's toDateTime as inclusive, Direct Routing's as
			// exclusive
			boolean beforeEnd = isPstn ? !start.isAfter(to) : start.isBefore(to);
			if (!start.isBefore(from) && beforeEnd) {
				rows.add(row);
			}
		}
		Matcher skipMatcher = SKIP.matcher(query);
		int skip = skipMatcher.find() ? Integer.parseInt(skipMatcher.group(1)) : 0;
		int end = Math.min(rows.size(), skip + PAGE_SIZE);
		ObjectNode body = this.json.createObjectNode();
		body.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.callRecords."
				+ (isPstn ? "pstnCallLogRow" : "directRoutingLogRow") + ")");
		ArrayNode value = body.putArray("value");
		for (int i = Math.min(skip, rows.size()); i < end; i++) {
			value.add(rows.get(i));
		}
		body.put("@odata.count", value.size());
		if (end < rows.size()) {
			body.put("@odata.nextLink", this.origin.get() + path + "?$skip=" + end);
		}
		return GraphCallRecords.ok(this.json.writeValueAsString(body), clientRequestId);
	}

	/** A function parameter: a date ({@code 2019-11-01}) or an instant. */
	private static @Nullable Instant time(String value) {
		try {
			return (value.length() == 10) ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
					: Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * The id of a generated PSTN row.
	 * @param i its number
	 * @return the id
	 */
	static String pstnId(int i) {
		return UUID.nameUUIDFromBytes(("pstn-" + i).getBytes(StandardCharsets.UTF_8)).toString();
	}

	private List<ObjectNode> pstnSeries() {
		List<ObjectNode> rows = new ArrayList<>();
		for (int i = 0; i < PSTN_SERIES_SIZE; i++) {
			Instant start = SERIES_START.plus(PSTN_STEP.multipliedBy(i));
			int duration = 30 + (i * 37) % 900;
			boolean outbound = i % 3 != 0;
			ObjectNode row = this.json.createObjectNode();
			row.put("id", pstnId(i));
			row.put("callId", (1_835_000_000L + i) + "_" + (112_000_000 + i) + "@61.221.3.176");
			row.put("userId", UUID.nameUUIDFromBytes(("user-" + (i % 17)).getBytes(StandardCharsets.UTF_8)).toString());
			row.put("userPrincipalName", "user" + (i % 17) + "@contoso.com");
			row.put("userDisplayName", "User " + (i % 17));
			row.put("startDateTime", start.toString());
			row.put("endDateTime", start.plusSeconds(duration).toString());
			row.put("duration", duration);
			row.put("charge", outbound ? new BigDecimal("0.012").multiply(BigDecimal.valueOf(duration / 60 + 1))
					: BigDecimal.ZERO.setScale(2));
			row.put("callType", outbound ? "user_out" : "user_in");
			row.put("currency", "USD");
			row.put("calleeNumber",
					outbound ? "+1206555" + String.format(Locale.ROOT, "%04d", i % 10_000) : "+14255550100");
			row.put("usageCountryCode", "US");
			row.put("tenantCountryCode", "US");
			row.put("connectionCharge", BigDecimal.ZERO.setScale(2));
			row.put("callerNumber",
					outbound ? "+14255550100" : "+1206555" + String.format(Locale.ROOT, "%04d", i % 10_000));
			row.put("destinationContext", outbound ? "Domestic" : null);
			row.put("destinationName", "United States");
			row.putNull("conferenceId");
			row.put("licenseCapability", "MCOPSTNU");
			row.put("inventoryType", "Subscriber");
			row.put("operator", "Microsoft");
			row.put("callDurationSource", "microsoft");
			rows.add(row);
		}
		return rows;
	}

	private List<ObjectNode> directRoutingSeries() {
		List<ObjectNode> rows = new ArrayList<>();
		for (int i = 0; i < DIRECT_ROUTING_SERIES_SIZE; i++) {
			Instant start = SERIES_START.plus(DIRECT_ROUTING_STEP.multipliedBy(i));
			boolean failed = i % 10 == 9;
			int duration = failed ? 0 : 20 + (i * 53) % 1200;
			ObjectNode row = this.json.createObjectNode();
			row.put("id", UUID.nameUUIDFromBytes(("direct-routing-" + i).getBytes(StandardCharsets.UTF_8)).toString());
			row.put("correlationId",
					UUID.nameUUIDFromBytes(("correlation-" + i).getBytes(StandardCharsets.UTF_8)).toString());
			row.put("userId", UUID.nameUUIDFromBytes(("user-" + (i % 17)).getBytes(StandardCharsets.UTF_8)).toString());
			row.put("userPrincipalName", "user" + (i % 17) + "@contoso.com");
			row.put("userDisplayName", "User " + (i % 17));
			row.put("startDateTime", start.toString());
			row.put("inviteDateTime", start.minusSeconds(3).toString());
			row.put("failureDateTime", failed ? start.plusSeconds(2).toString() : "0001-01-01T00:00:00Z");
			row.put("endDateTime", start.plusSeconds(duration).toString());
			row.put("duration", duration);
			row.put("callType", (i % 2 == 0) ? "ByotIn" : "ByotOut");
			row.put("successfulCall", !failed);
			row.put("callerNumber", "+4930555" + String.format(Locale.ROOT, "%04d", i % 10_000));
			row.put("calleeNumber", "+4989555" + String.format(Locale.ROOT, "%04d", (i * 7) % 10_000));
			row.put("mediaPathLocation", "EUWE");
			row.put("signalingLocation", "EUNO");
			row.put("finalSipCode", failed ? 487 : 0);
			row.put("callEndSubReason", failed ? 540487 : 540000);
			row.put("finalSipCodePhrase", failed ? "Request Terminated" : "BYE");
			row.put("trunkFullyQualifiedDomainName", "sbc" + (i % 3) + ".contoso.com");
			row.put("mediaBypassEnabled", i % 4 == 0);
			rows.add(row);
		}
		return rows;
	}

	private List<ObjectNode> fixture(String name) {
		try (var in = GraphCallLogs.class.getResourceAsStream("/graph/" + name)) {
			if (in == null) {
				throw new IllegalStateException("No fixture " + name);
			}
			List<ObjectNode> rows = new ArrayList<>();
			for (JsonNode row : this.json.readTree(in).path("value")) {
				rows.add((ObjectNode) row);
			}
			return rows;
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<ObjectNode> sorted(List<ObjectNode> fixture, List<ObjectNode> series) {
		List<ObjectNode> rows = new ArrayList<>(fixture);
		rows.addAll(series);
		rows.sort(Comparator.comparing((ObjectNode row) -> Instant.parse(row.path("startDateTime").asString()))
			.thenComparing((row) -> row.path("id").asString()));
		return List.copyOf(rows);
	}

}
