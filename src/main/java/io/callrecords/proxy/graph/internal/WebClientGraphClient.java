package io.callrecords.proxy.graph.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import io.callrecords.proxy.graph.CallRecordRequest;
import io.callrecords.proxy.graph.GraphClient;
import io.callrecords.proxy.graph.GraphException;
import io.callrecords.proxy.graph.GraphCollection;
import io.callrecords.proxy.graph.GraphFailure;
import io.callrecords.proxy.graph.GraphPage;
import io.callrecords.proxy.graph.PageRequest;
import io.netty.handler.timeout.ReadTimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.core.codec.CodecException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@link GraphClient} on a {@link WebClient}: adds the app-only token and Graph's request
 * headers, retries once with a fresh token when Graph answers 401, and translates every
 * failure into a {@link GraphException}.
 */
class WebClientGraphClient implements GraphClient {

	static final String PREFER = "omit-values=nulls, include-unknown-enum-members";

	private static final Logger logger = LoggerFactory.getLogger(WebClientGraphClient.class);

	private final WebClient webClient;

	private final GraphTokenSource tokens;

	private final URI baseUrl;

	private final ObjectMapper objectMapper;

	private final Clock clock;

	private final GraphCallPolicy policy;

	/** Identical Graph calls in flight, shared by their callers (single flight). */
	private final Map<String, Mono<JsonNode>> inFlight = new ConcurrentHashMap<>();

	WebClientGraphClient(WebClient webClient, GraphTokenSource tokens, URI baseUrl, ObjectMapper objectMapper,
			Clock clock, GraphCallPolicy policy) {
		this.webClient = webClient;
		this.tokens = tokens;
		this.baseUrl = baseUrl;
		this.objectMapper = objectMapper;
		this.clock = clock;
		this.policy = policy;
	}

	@Override
	public Mono<JsonNode> getCallRecord(CallRecordRequest request) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromUri(this.baseUrl).path("/communications/callRecords/{id}");
		if (!request.expand().isEmpty()) {
			uri.queryParam("$expand", "{expand}");
		}
		if (!request.select().isEmpty()) {
			uri.queryParam("$select", "{select}");
		}
		Map<String, String> variables = Map.of("id", request.callRecordId(), "expand",
				request.expand()
					.stream()
					.sorted()
					.map(CallRecordRequest.Expansion::odata)
					.collect(Collectors.joining(",")),
				"select", String.join(",", request.select()));
		URI target = uri.encode().buildAndExpand(variables).toUri();
		return get(target, request.clientRequestId(), null, "get_call_record", recordScope(request.callRecordId()));
	}

	@Override
	public Mono<GraphPage> getPage(PageRequest request) {
		URI link = request.nextLink();
		if (link != null && !isLinkTo(link, request.collection(), request.callRecordId())) {
			return Mono.error(new GraphException(GraphFailure.BAD_RESPONSE,
					"Refusing to follow a link outside of " + request.collection(), null));
		}
		URI target = (link != null) ? link : firstPage(request);
		String operation = switch (request.collection()) {
			case CALL_RECORDS -> "list_call_records";
			case SESSIONS -> "list_sessions";
			case PARTICIPANTS -> "list_participants";
		};
		String scope = (request.callRecordId() != null) ? recordScope(request.callRecordId()) : GraphBudgets.LIST;
		return get(target, request.clientRequestId(), request.pageSize(), operation, scope)
			.map((json) -> page(json, request))
			.onErrorMap((ex) -> link != null && isExpiredLink(ex), (ex) -> {
				GraphException failure = (GraphException) ex;
				return new GraphException(GraphFailure.LINK_EXPIRED, "Graph no longer accepts the next link",
						failure.upstreamStatus(), failure.upstreamRequestId(), null, ex);
			});
	}

	@Override
	public boolean isLinkTo(URI link, GraphCollection collection, @Nullable String callRecordId) {
		if (!link.isAbsolute() || link.isOpaque() || link.getRawUserInfo() != null || link.getRawFragment() != null
				|| link.getHost() == null) {
			return false;
		}
		String expectedPath = this.baseUrl.getPath().replaceAll("/+$", "") + collection.path(callRecordId);
		return this.baseUrl.getScheme().equalsIgnoreCase(link.getScheme())
				&& this.baseUrl.getHost().equalsIgnoreCase(link.getHost()) && port(this.baseUrl) == port(link)
				&& expectedPath.equalsIgnoreCase(link.getPath());
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	private URI firstPage(PageRequest request) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromUri(this.baseUrl)
			.path(request.collection().path(request.callRecordId()));
		String filter = (request.filter() != null) ? request.filter().toOData() : null;
		if (filter != null) {
			uri.queryParam("$filter", "{filter}");
		}
		if (request.expandSegments()) {
			uri.queryParam("$expand", "segments");
		}
		return uri.encode().buildAndExpand(Map.of("filter", (filter != null) ? filter : "")).toUri();
	}

	private GraphPage page(JsonNode json, PageRequest request) {
		JsonNode value = json.get("value");
		if (value == null || !value.isArray()) {
			throw new GraphException(GraphFailure.BAD_RESPONSE, "Graph's page has no value array", null);
		}
		List<JsonNode> items = new ArrayList<>(value.size());
		value.forEach(items::add);
		JsonNode next = json.get("@odata.nextLink");
		URI nextLink = null;
		if (next != null && next.isString()) {
			nextLink = followableLink(next.asString(), request.collection(), request.callRecordId());
		}
		return new GraphPage(items, nextLink);
	}

	/**
	 * Reads a next link Graph sent, refusing any that does not lead back to the same
	 * collection on the configured Graph: the service's token must never be sent anywhere
	 * else.
	 */
	private URI followableLink(String link, GraphCollection collection, @Nullable String callRecordId) {
		try {
			URI uri = new URI(link);
			if (isLinkTo(uri, collection, callRecordId)) {
				return uri;
			}
		}
		catch (URISyntaxException ex) {
			// reported below
		}
		throw new GraphException(GraphFailure.BAD_RESPONSE, "Graph sent a next link outside of " + collection, null);
	}

	private static boolean isExpiredLink(Throwable ex) {
		if (!(ex instanceof GraphException failure)) {
			return false;
		}
		return failure.failure() == GraphFailure.NOT_FOUND || failure.failure() == GraphFailure.UNEXPECTED_STATUS;
	}

	private static String recordScope(String callRecordId) {
		return "record:" + callRecordId.toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * One Graph GET under the call policy. Identical GETs in flight at the same time
	 * share one call: a hundred callers of one record cost Graph one request.
	 */
	private Mono<JsonNode> get(URI uri, String clientRequestId, @Nullable Integer pageSize, String operation,
			String scope) {
		String prefer = (pageSize != null) ? PREFER + ", odata.maxpagesize=" + pageSize : PREFER;
		String key = prefer + " " + uri;
		return Mono.defer(() -> this.inFlight.computeIfAbsent(key,
				(k) -> this.policy.execute(operation, scope, () -> authorized(uri, clientRequestId, prefer))
					// leave the map before the result reaches anyone: a later call must
					// go to Graph again
					.doOnEach((signal) -> this.inFlight.remove(k))
					.doFinally((signal) -> this.inFlight.remove(k))
					.cache()));
	}

	private Mono<JsonNode> authorized(URI uri, String clientRequestId, String prefer) {
		return exchange(uri, clientRequestId, prefer).onErrorResume(TokenRejectedException.class, (rejected) -> {
			logger.info("Graph rejected the cached token; fetching a new one and retrying once");
			return this.tokens.invalidate().then(exchange(uri, clientRequestId, prefer));
		}).onErrorMap(TokenRejectedException.class, (rejected) -> rejected.toGraphException());
	}

	private Mono<JsonNode> exchange(URI uri, String clientRequestId, String prefer) {
		return this.tokens.accessToken()
			.onErrorMap((ex) -> new GraphException(GraphFailure.AUTH_FAILED,
					"Entra ID did not issue a token: " + ((ex instanceof OAuth2AuthorizationException oauth)
							? oauth.getError().getErrorCode() : ex.getClass().getSimpleName()),
					ex))
			.flatMap((token) -> this.webClient.get().uri(uri).accept(MediaType.APPLICATION_JSON).headers((headers) -> {
				headers.setBearerAuth(token);
				headers.set("Prefer", prefer);
				headers.set("client-request-id", clientRequestId);
			}).exchangeToMono(this::read))
			.onErrorMap((ex) -> !(ex instanceof GraphException) && !(ex instanceof TokenRejectedException),
					this::translate);
	}

	private Mono<JsonNode> read(ClientResponse response) {
		HttpStatusCode status = response.statusCode();
		String requestId = response.headers().asHttpHeaders().getFirst("request-id");
		if (status.is2xxSuccessful()) {
			return response.bodyToMono(JsonNode.class)
				.filter(JsonNode::isObject)
				.switchIfEmpty(Mono.error(() -> new GraphException(GraphFailure.BAD_RESPONSE,
						"Graph answered " + status.value() + " without a JSON object", status.value(), requestId, null,
						null)))
				.onErrorMap((ex) -> !(ex instanceof GraphException),
						(ex) -> new GraphException(
								tooLarge(ex) ? GraphFailure.RESPONSE_TOO_LARGE : GraphFailure.BAD_RESPONSE,
								"Graph's body could not be read", status.value(), requestId, null, ex));
		}
		return response.bodyToMono(String.class)
			.onErrorReturn("")
			.defaultIfEmpty("")
			.flatMap((body) -> Mono.error(failure(status, response.headers().asHttpHeaders(), requestId, body)));
	}

	private RuntimeException failure(HttpStatusCode status, HttpHeaders headers, @Nullable String requestId,
			String body) {
		String graphCode = graphErrorCode(body);
		String message = "Graph answered " + status.value() + ((graphCode != null) ? " (" + graphCode + ")" : "");
		Duration retryAfter = RetryAfter.parse(headers.getFirst(HttpHeaders.RETRY_AFTER), this.clock);
		int value = status.value();
		if (value == 401) {
			return new TokenRejectedException(message, requestId);
		}
		GraphFailure failure = switch (value) {
			case 403 -> GraphFailure.FORBIDDEN;
			case 404 -> GraphFailure.NOT_FOUND;
			case 429 -> GraphFailure.THROTTLED;
			case 504 -> GraphFailure.TIMEOUT;
			default -> status.is5xxServerError() ? GraphFailure.UNAVAILABLE : GraphFailure.UNEXPECTED_STATUS;
		};
		return new GraphException(failure, message, value, requestId, retryAfter, null);
	}

	private @Nullable String graphErrorCode(String body) {
		if (body.isBlank()) {
			return null;
		}
		try {
			JsonNode code = this.objectMapper.readTree(body).path("error").path("code");
			return code.isString() ? code.asString() : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static boolean tooLarge(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataBufferLimitException) {
				return true;
			}
		}
		return false;
	}

	private Throwable translate(Throwable ex) {
		if (ex instanceof TimeoutException || ex.getCause() instanceof ReadTimeoutException
				|| ex instanceof ReadTimeoutException) {
			return new GraphException(GraphFailure.TIMEOUT, "Graph did not answer in time", ex);
		}
		if (ex instanceof WebClientRequestException) {
			return new GraphException(GraphFailure.UNAVAILABLE, "Graph could not be reached", ex);
		}
		if (tooLarge(ex)) {
			return new GraphException(GraphFailure.RESPONSE_TOO_LARGE, "Graph's body exceeds the maximum size", ex);
		}
		if (ex instanceof CodecException || ex instanceof JacksonException) {
			return new GraphException(GraphFailure.BAD_RESPONSE, "Graph's body could not be read", ex);
		}
		return new GraphException(GraphFailure.UNAVAILABLE, "Graph call failed", ex);
	}

	/**
	 * Graph answered 401: the token was revoked or expired early. Kept apart from
	 * {@link GraphException} so that exactly one retry with a new token can be made.
	 */
	private static final class TokenRejectedException extends RuntimeException {

		private final @Nullable String requestId;

		TokenRejectedException(String message, @Nullable String requestId) {
			super(message, null, false, false);
			this.requestId = requestId;
		}

		GraphException toGraphException() {
			return new GraphException(GraphFailure.AUTH_FAILED, getMessage() + " with a freshly issued token", 401,
					this.requestId, null, null);
		}

	}

}
