package io.callrecords.proxy.graph.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.callrecords.proxy.graph.CallRecordFilter;
import io.callrecords.proxy.graph.CallRecordRequest;
import io.callrecords.proxy.graph.GraphCollection;
import io.callrecords.proxy.graph.PageLink;
import io.callrecords.proxy.graph.PageRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Graph's addresses: the URIs of records and collections with their OData options, and
 * the one check every link passes before the service's token is sent to it (the same
 * scheme, host and port as the configured Graph, and the path of the expected collection,
 * without user info or fragment).
 */
final class GraphUris {

	private static final DateTimeFormatter ODATA_INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final java.util.regex.Pattern CALL_LOG_PARAMETERS = java.util.regex.Pattern
		.compile("\\([A-Za-z]+=[0-9A-Za-z:.+-]+(,[A-Za-z]+=[0-9A-Za-z:.+-]+)*\\)");

	private final URI baseUrl;

	private final String basePath;

	GraphUris(URI baseUrl) {
		this.baseUrl = baseUrl;
		this.basePath = baseUrl.getPath().replaceAll("/+$", "");
	}

	URI callRecord(CallRecordRequest request) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromUri(this.baseUrl).path("/communications/callRecords/{id}");
		String expand = request.expand().stream().sorted().map(GraphUris::expansion).collect(Collectors.joining(","));
		String select = request.select().stream().map(GraphUris::property).collect(Collectors.joining(","));
		if (!expand.isEmpty()) {
			uri.queryParam("$expand", "{expand}");
		}
		if (!select.isEmpty()) {
			uri.queryParam("$select", "{select}");
		}
		return uri.encode()
			.buildAndExpand(Map.of("id", request.callRecordId(), "expand", expand, "select", select))
			.toUri();
	}

	URI firstPage(PageRequest request) {
		if (request.collection().callLog()) {
			CallRecordFilter range = request.filter();
			// DateTimeOffset literals are unquoted in a function's parameters; both
			// bounds
			// are set (PageRequest checks) and are formatted digits, colons and dots only
			return URI.create(this.baseUrl.toString().replaceAll("/+$", "") + function(request.collection())
					+ "(fromDateTime=" + ODATA_INSTANT.format(range.from()) + ",toDateTime="
					+ ODATA_INSTANT.format(range.to()) + ")");
		}
		UriComponentsBuilder uri = UriComponentsBuilder.fromUri(this.baseUrl)
			.path(path(request.collection(), request.callRecordId()));
		String filter = (request.filter() != null) ? filter(request.filter()) : null;
		if (filter != null) {
			uri.queryParam("$filter", "{filter}");
		}
		if (request.expandSegments()) {
			uri.queryParam("$expand", "segments");
		}
		return uri.encode().buildAndExpand(Map.of("filter", (filter != null) ? filter : "")).toUri();
	}

	/**
	 * A link as a URI, when it may be followed for this collection.
	 * @param link the link
	 * @param collection the collection it must page
	 * @param callRecordId the record, for a record's collections
	 * @return the URI, or {@code null} when the link leads anywhere else
	 */
	@Nullable URI followable(String link, GraphCollection collection, @Nullable String callRecordId) {
		URI uri;
		try {
			uri = new URI(link);
		}
		catch (URISyntaxException ex) {
			return null;
		}
		if (!uri.isAbsolute() || uri.isOpaque() || uri.getRawUserInfo() != null || uri.getRawFragment() != null
				|| uri.getHost() == null) {
			return null;
		}
		boolean same = this.baseUrl.getScheme().equalsIgnoreCase(uri.getScheme())
				&& this.baseUrl.getHost().equalsIgnoreCase(uri.getHost()) && port(this.baseUrl) == port(uri)
				&& uri.getPath() != null && samePath(uri.getPath(), collection, callRecordId);
		return same ? uri : null;
	}

	@Nullable PageLink pageLink(@Nullable String link, GraphCollection collection, @Nullable String callRecordId) {
		return (link != null && followable(link, collection, callRecordId) != null) ? new PageLink(link) : null;
	}

	/**
	 * Whether a link's path is the collection's: the same path, or for a call-log
	 * function the function with parameters (its name, then one parenthesised list
	 * without slashes, quotes or nested parentheses).
	 */
	private boolean samePath(String path, GraphCollection collection, @Nullable String callRecordId) {
		if (collection.callLog()) {
			String function = this.basePath + function(collection);
			if (!path.regionMatches(true, 0, function, 0, function.length())) {
				return false;
			}
			String parameters = path.substring(function.length());
			return CALL_LOG_PARAMETERS.matcher(parameters).matches();
		}
		return (this.basePath + path(collection, callRecordId)).equalsIgnoreCase(path);
	}

	private static String function(GraphCollection collection) {
		return switch (collection) {
			case PSTN_CALLS -> "/communications/callRecords/getPstnCalls";
			case DIRECT_ROUTING_CALLS -> "/communications/callRecords/getDirectRoutingCalls";
			default -> throw new IllegalArgumentException(collection + " is not a function");
		};
	}

	private static String path(GraphCollection collection, @Nullable String callRecordId) {
		return switch (collection) {
			case CALL_RECORDS -> "/communications/callRecords";
			case SESSIONS -> "/communications/callRecords/" + callRecordId + "/sessions";
			case PARTICIPANTS -> "/communications/callRecords/" + callRecordId + "/participants_v2";
			case PSTN_CALLS, DIRECT_ROUTING_CALLS -> function(collection);
		};
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	static @Nullable String filter(CallRecordFilter filter) {
		List<String> clauses = new ArrayList<>();
		Instant from = filter.from();
		Instant to = filter.to();
		if (from != null) {
			clauses.add("startDateTime ge " + ODATA_INSTANT.format(from));
		}
		if (to != null) {
			clauses.add("startDateTime lt " + ODATA_INSTANT.format(to));
		}
		if (filter.participantId() != null) {
			clauses.add("participants_v2/any(p:p/id eq '" + filter.participantId() + "')");
		}
		return clauses.isEmpty() ? null : String.join(" and ", clauses);
	}

	private static String expansion(CallRecordRequest.Expansion expansion) {
		return switch (expansion) {
			case ORGANIZER -> "organizer_v2";
			case PARTICIPANTS -> "participants_v2";
			case SESSIONS -> "sessions";
			case SESSIONS_WITH_SEGMENTS -> "sessions($expand=segments)";
		};
	}

	private static String property(CallRecordRequest.Property property) {
		String[] words = property.name().toLowerCase(Locale.ROOT).split("_");
		StringBuilder name = new StringBuilder(words[0]);
		for (int i = 1; i < words.length; i++) {
			name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
		}
		return name.toString();
	}

}
