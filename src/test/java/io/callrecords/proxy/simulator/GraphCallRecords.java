package io.callrecords.proxy.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
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

/**
 * Microsoft Graph's call-records endpoints: bearer tokens checked against the ones the
 * simulator's Entra ID issued, {@code $expand} and {@code $select} honoured,
 * {@code Prefer:
 * omit-values=nulls} applied, Graph's error body shape and {@code request-id} headers.
 */
final class GraphCallRecords implements ResponseDefinitionTransformerV2 {

	static final String NAME = "graph-call-records";

	private static final Pattern RECORD_PATH = Pattern.compile(".*/communications/callRecords/([^/?]+)");

	private final TokenIssuer tokens;

	private final CallRecordStore store;

	private final JsonMapper json;

	GraphCallRecords(TokenIssuer tokens, CallRecordStore store, JsonMapper json) {
		this.tokens = tokens;
		this.store = store;
		this.json = json;
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		Request request = serveEvent.getRequest();
		String clientRequestId = request.getHeader("client-request-id");
		String authorization = request.getHeader("Authorization");
		String token = (authorization != null && authorization.startsWith("Bearer ")) ? authorization.substring(7)
				: null;
		if (!this.tokens.isValid(token)) {
			return error(401, "InvalidAuthenticationToken", "Access token is empty or invalid.", clientRequestId);
		}
		String url = request.getUrl();
		int query = url.indexOf('?');
		Matcher matcher = RECORD_PATH.matcher((query >= 0) ? url.substring(0, query) : url);
		if (!matcher.matches()) {
			return error(400, "BadRequest", "Resource not found for the segment.", clientRequestId);
		}
		ObjectNode record = this.store.get(matcher.group(1));
		if (record == null) {
			return error(404, "NotFound", "The requested resource does not exist.", clientRequestId);
		}
		Set<String> expand = topLevel(param(request, "$expand"));
		Set<String> select = topLevel(param(request, "$select"));
		shape(record, expand, select);
		record.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#communications/callRecords/$entity");
		String prefer = request.getHeader("Prefer");
		if (prefer != null && prefer.contains("omit-values=nulls")) {
			omitNulls(record);
		}
		return ok(this.json.writeValueAsString(record), clientRequestId);
	}

	private static void shape(ObjectNode record, Set<String> expand, Set<String> select) {
		if (!expand.contains("participants_v2")) {
			record.remove("participants_v2");
		}
		boolean segments = expand.contains("sessions($expand=segments)");
		if (!segments && !expand.contains("sessions")) {
			record.remove("sessions");
		}
		else if (!segments && record.get("sessions") instanceof ArrayNode sessions) {
			sessions.forEach((session) -> ((ObjectNode) session).remove("segments"));
		}
		if (!select.isEmpty()) {
			// organizer_v2 is auto-expanded only when nothing is selected
			if (!expand.contains("organizer_v2")) {
				record.remove("organizer_v2");
			}
			List<String> names = new ArrayList<>(record.propertyNames());
			for (String name : names) {
				boolean navigation = name.equals("organizer_v2") || name.equals("participants_v2")
						|| name.equals("sessions");
				if (!navigation && !name.equals("id") && !select.contains(name)) {
					record.remove(name);
				}
			}
		}
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
