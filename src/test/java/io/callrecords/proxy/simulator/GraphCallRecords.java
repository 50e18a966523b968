package io.callrecords.proxy.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static io.callrecords.proxy.simulator.GraphSimulator.VERSION_PATH;

/**
 * Microsoft Graph's call-records endpoints: bearer tokens checked against the ones the
 * simulator's Entra ID issued, {@code $expand} and {@code $select} honoured,
 * {@code Prefer:
 * omit-values=nulls} applied, Graph's error body shape and {@code request-id} headers.
 */
final class GraphCallRecords extends NamedTransformer {

	static final String NAME = "graph-call-records";

	private static final Pattern PATH = Pattern
		.compile(VERSION_PATH + "/communications/callRecords(?:/([^/]+)(?:/(sessions|participants_v2))?)?");

	private static final Pattern MAX_PAGE_SIZE = Pattern.compile("odata\\.maxpagesize=(\\d+)");

	private static final Pattern DATE_CLAUSE = Pattern.compile("startDateTime (ge|gt|le|lt) (\\S+)");

	private static final Pattern PARTICIPANT_CLAUSE = Pattern.compile("participants_v2/any\\(p:p/id eq '([^']+)'\\)");

	private final TokenIssuer tokens;

	private final CallRecordStore store;

	private final JsonMapper json;

	private final Supplier<String> origin;

	private final GraphFaults faults;

	GraphCallRecords(TokenIssuer tokens, CallRecordStore store, JsonMapper json, Supplier<String> origin,
			GraphFaults faults) {
		super(NAME);
		this.faults = faults;
		this.tokens = tokens;
		this.store = store;
		this.json = json;
		this.origin = origin;
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		Request request = serveEvent.getRequest();
		String path = request.getUrl().split("\\?", 2)[0];
		Matcher matcher = PATH.matcher(path);
		String scope = (matcher.matches() && matcher.group(1) != null)
				? "record:" + matcher.group(1).toLowerCase(java.util.Locale.ROOT) : "list";
		ResponseDefinition fault = this.faults.graph(scope, () -> serve(request),
				request.getHeader("client-request-id"));
		return (fault != null) ? fault : serve(request);
	}

	private ResponseDefinition serve(Request request) {
		String clientRequestId = request.getHeader("client-request-id");
		ResponseDefinition unauthenticated = unauthenticated(request, this.tokens);
		if (unauthenticated != null) {
			return unauthenticated;
		}
		String url = request.getUrl();
		int query = url.indexOf('?');
		String path = (query >= 0) ? url.substring(0, query) : url;
		String rawQuery = (query >= 0) ? url.substring(query + 1) : "";
		Matcher matcher = PATH.matcher(path);
		if (!matcher.matches()) {
			return error(400, "BadRequest", "Resource not found for the segment.", clientRequestId);
		}
		String id = matcher.group(1);
		String collection = matcher.group(2);
		if (id == null) {
			return list(request, rawQuery, clientRequestId);
		}
		ObjectNode record = this.store.get(id);
		if (record == null) {
			return error(404, "NotFound", "The requested resource does not exist.", clientRequestId);
		}
		ObjectNode body;
		if ("sessions".equals(collection)) {
			boolean segments = "segments".equals(param(request, "$expand"));
			ArrayNode sessions = sessions(record, segments);
			body = page(sessions, request, rawQuery, 60, path, "");
		}
		else if ("participants_v2".equals(collection)) {
			body = page(array(record, "participants_v2"), request, rawQuery, 130, path, "");
		}
		else {
			body = record(record, request);
		}
		String prefer = request.getHeader("Prefer");
		if (prefer != null && prefer.contains("omit-values=nulls")) {
			omitNulls(body);
		}
		return ok(this.json.writeValueAsString(body), clientRequestId);
	}

	private ResponseDefinition list(Request request, String rawQuery, @Nullable String clientRequestId) {
		Predicate<JsonNode> filter;
		try {
			filter = filter(param(request, "$filter"));
		}
		catch (IllegalArgumentException ex) {
			return error(400, "BadRequest", "Invalid filter clause: " + ex.getMessage(), clientRequestId);
		}
		ArrayNode matching = this.json.createArrayNode();
		this.store.all()
			.stream()
			.filter(filter)
			.sorted(Comparator.comparing((JsonNode record) -> record.path("startDateTime").asString())
				.thenComparing((record) -> record.path("id").asString()))
			.map((record) -> {
				ObjectNode summary = this.json.createObjectNode();
				record.properties()
					.stream()
					.filter((property) -> !property.getKey().equals("participants_v2")
							&& !property.getKey().equals("sessions"))
					.forEach((property) -> summary.set(property.getKey(), property.getValue().deepCopy()));
				return summary;
			})
			.forEach(matching::add);
		ObjectNode body = page(matching, request, rawQuery, 60, VERSION_PATH + "/communications/callRecords", "");
		return ok(this.json.writeValueAsString(body), clientRequestId);
	}

	private ObjectNode record(ObjectNode record, Request request) {
		Set<String> expand = topLevel(param(request, "$expand"));
		Set<String> select = topLevel(param(request, "$select"));
		String id = record.path("id").asString();
		ArrayNode participants = array(record, "participants_v2");
		record.remove("participants_v2");
		if (expand.contains("participants_v2")) {
			inline(record, "participants_v2", participants, 130,
					VERSION_PATH + "/communications/callRecords/" + id + "/participants_v2", "");
		}
		boolean segments = expand.contains("sessions($expand=segments)");
		ArrayNode sessions = sessions(record, segments);
		record.remove("sessions");
		if (segments || expand.contains("sessions")) {
			inline(record, "sessions", sessions, 60, VERSION_PATH + "/communications/callRecords/" + id + "/sessions",
					segments ? "$expand=segments&" : "");
		}
		if (!select.isEmpty()) {
			// organizer_v2 is auto-expanded only when nothing is selected
			if (!expand.contains("organizer_v2")) {
				record.remove("organizer_v2");
			}
			List<String> names = new ArrayList<>(record.propertyNames());
			for (String name : names) {
				boolean navigation = name.startsWith("organizer_v2") || name.startsWith("participants_v2")
						|| name.startsWith("sessions");
				if (!navigation && !name.equals("id") && !select.contains(name)) {
					record.remove(name);
				}
			}
		}
		record.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#communications/callRecords/$entity");
		return record;
	}

	/**
	 * Puts the first page of an expanded collection into the record, with Graph's
	 * {@code <collection>@odata.nextLink} when there is more.
	 */
	private void inline(ObjectNode record, String name, ArrayNode all, int pageSize, String path, String options) {
		ArrayNode first = this.json.createArrayNode();
		for (int i = 0; i < Math.min(pageSize, all.size()); i++) {
			first.add(all.get(i));
		}
		record.set(name, first);
		if (all.size() > pageSize) {
			record.put(name + "@odata.nextLink", link(path, options, pageSize, pageSize));
		}
	}

	/**
	 * A page of a collection, sized by {@code Prefer: odata.maxpagesize} up to Graph's
	 * maximum, continuing at the request's {@code $skiptoken}.
	 */
	private ObjectNode page(ArrayNode all, Request request, String rawQuery, int maxPageSize, String path,
			String extra) {
		int offset = 0;
		int size = maxPageSize;
		String skiptoken = param(request, "$skiptoken");
		if (skiptoken != null) {
			String[] token = new String(Base64.getUrlDecoder().decode(skiptoken), StandardCharsets.UTF_8).split(":");
			offset = Integer.parseInt(token[0]);
			size = Integer.parseInt(token[1]);
		}
		Matcher prefer = MAX_PAGE_SIZE.matcher(String.valueOf(request.getHeader("Prefer")));
		if (prefer.find()) {
			size = Math.min(Integer.parseInt(prefer.group(1)), maxPageSize);
		}
		ObjectNode body = this.json.createObjectNode();
		body.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#communications/callRecords");
		ArrayNode value = body.putArray("value");
		for (int i = offset; i < Math.min(offset + size, all.size()); i++) {
			value.add(all.get(i));
		}
		if (offset + size < all.size()) {
			String options = Arrays.stream(rawQuery.split("&"))
				.filter((option) -> !option.isEmpty() && !option.startsWith("$skiptoken=")
						&& !option.startsWith("%24skiptoken="))
				.map((option) -> option + "&")
				.collect(Collectors.joining());
			body.put("@odata.nextLink", link(path, extra + options, offset + size, size));
		}
		return body;
	}

	private String link(String path, String options, int offset, int size) {
		String token = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((offset + ":" + size).getBytes(StandardCharsets.UTF_8));
		return this.origin.get() + path + "?" + options + "$skiptoken=" + token;
	}

	private ArrayNode sessions(ObjectNode record, boolean withSegments) {
		ArrayNode sessions = array(record, "sessions");
		if (!withSegments) {
			sessions.forEach((session) -> ((ObjectNode) session).remove("segments"));
		}
		return sessions;
	}

	private ArrayNode array(ObjectNode record, String name) {
		return (record.get(name) instanceof ArrayNode array) ? array : this.json.createArrayNode();
	}

	/**
	 * Evaluates the two filters Graph supports on the list: {@code startDateTime}
	 * compared with {@code ge}, {@code gt}, {@code le}, {@code lt}, and
	 * {@code participants_v2/any(p:p/id eq '...')}, joined by {@code and}.
	 */
	private static Predicate<JsonNode> filter(@Nullable String filter) {
		Predicate<JsonNode> predicate = (record) -> true;
		if (filter == null || filter.isBlank()) {
			return predicate;
		}
		for (String clause : filter.split(" and ")) {
			Matcher date = DATE_CLAUSE.matcher(clause.trim());
			Matcher participant = PARTICIPANT_CLAUSE.matcher(clause.trim());
			if (date.matches()) {
				Instant bound = Instant.parse(date.group(2));
				String operator = date.group(1);
				predicate = predicate.and((record) -> {
					int compared = Instant.parse(record.path("startDateTime").asString()).compareTo(bound);
					return switch (operator) {
						case "ge" -> compared >= 0;
						case "gt" -> compared > 0;
						case "le" -> compared <= 0;
						default -> compared < 0;
					};
				});
			}
			else if (participant.matches()) {
				String id = participant.group(1);
				predicate = predicate.and((record) -> record.path("participants_v2")
					.valueStream()
					.anyMatch((p) -> id.equalsIgnoreCase(p.path("id").asString())));
			}
			else {
				throw new IllegalArgumentException(clause);
			}
		}
		return predicate;
	}

	/**
	 * Graph's 401 for a request without a valid token of the simulated Entra ID.
	 * @param request the request
	 * @param tokens the issued tokens
	 * @return the 401, or {@code null} when the token is valid
	 */
	static @Nullable ResponseDefinition unauthenticated(Request request, TokenIssuer tokens) {
		String authorization = request.getHeader("Authorization");
		String token = (authorization != null && authorization.startsWith("Bearer ")) ? authorization.substring(7)
				: null;
		return tokens.isValid(token) ? null : error(401, "InvalidAuthenticationToken",
				"Access token is empty or invalid.", request.getHeader("client-request-id"));
	}

	/** Splits an OData option list at the commas that are not inside parentheses. */
	private static Set<String> topLevel(@Nullable String option) {
		Set<String> items = new LinkedHashSet<>();
		if (option == null || option.isBlank()) {
			return items;
		}
		int depth = 0;
		StringBuilder current = new StringBuilder();
		for (char c : option.toCharArray()) {
			if (c == ',' && depth == 0) {
				items.add(current.toString().trim());
				current.setLength(0);
				continue;
			}
			depth += (c == '(') ? 1 : (c == ')') ? -1 : 0;
			current.append(c);
		}
		items.add(current.toString().trim());
		return items;
	}

	private static void omitNulls(JsonNode node) {
		if (node instanceof ObjectNode object) {
			Iterator<Map.Entry<String, JsonNode>> properties = object.properties().iterator();
			while (properties.hasNext()) {
				Map.Entry<String, JsonNode> property = properties.next();
				if (property.getValue().isNull()) {
					properties.remove();
				}
				else {
					omitNulls(property.getValue());
				}
			}
		}
		else if (node instanceof ArrayNode array) {
			array.forEach(GraphCallRecords::omitNulls);
		}
	}

	private static @Nullable String param(Request request, String name) {
		QueryParameter parameter = request.queryParameter(name);
		return (parameter != null && parameter.isPresent()) ? parameter.firstValue() : null;
	}

	static ResponseDefinition ok(String body, @Nullable String clientRequestId) {
		return responseDefinition().withStatus(200)
			.withHeader("Content-Type", "application/json;odata.metadata=minimal;odata.streaming=true;charset=utf-8")
			.withHeader("request-id", UUID.randomUUID().toString())
			.withHeader("client-request-id", (clientRequestId != null) ? clientRequestId : "")
			.withBody(body)
			.build();
	}

	static ResponseDefinition error(int status, String code, String message, @Nullable String clientRequestId) {
		String requestId = UUID.randomUUID().toString();
		String body = "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message
				+ "\",\"innerError\":{\"date\":\"" + Instant.now() + "\",\"request-id\":\"" + requestId
				+ "\",\"client-request-id\":\"" + ((clientRequestId != null) ? clientRequestId : "") + "\"}}}";
		return responseDefinition().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withHeader("request-id", requestId)
			.withHeader("client-request-id", (clientRequestId != null) ? clientRequestId : "")
			.withBody(body)
			.build();
	}

}
