package io.callrecords.proxy.graph.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.callrecords.proxy.graph.CallRecordRequest;
import io.callrecords.proxy.graph.GraphCallRecord;
import io.callrecords.proxy.graph.GraphClient;
import io.callrecords.proxy.graph.GraphDirectRoutingRow;
import io.callrecords.proxy.graph.GraphPstnCallRow;
import io.callrecords.proxy.graph.GraphCollection;
import io.callrecords.proxy.graph.GraphException;
import io.callrecords.proxy.graph.GraphFailure;
import io.callrecords.proxy.graph.GraphPage;
import io.callrecords.proxy.graph.GraphParticipant;
import io.callrecords.proxy.graph.GraphSession;
import io.callrecords.proxy.graph.PageLink;
import io.callrecords.proxy.graph.PageRequest;
import io.netty.handler.timeout.ReadTimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;

import org.springframework.core.codec.CodecException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * {@link GraphClient} on a {@link WebClient}: adds the app-only token and Graph's request
 * headers, reads Graph's JSON straight into typed records, follows the next links of a
 * record's expanded collections, retries once with a fresh token when Graph answers 401,
 * and translates every failure into a {@link GraphException}.
 */
class WebClientGraphClient implements GraphClient {

	static final String PREFER = "omit-values=nulls, include-unknown-enum-members";

	private static final Logger logger = LoggerFactory.getLogger(WebClientGraphClient.class);

	private final WebClient webClient;

	private final GraphTokenSource tokens;

	private final GraphUris uris;

	private final GraphJson json;

	private final Clock clock;

	private final GraphCallPolicy policy;

	private final Function<Context, Context> deadline;

	private final int maxResponseBytes;

	WebClientGraphClient(WebClient webClient, GraphTokenSource tokens, GraphUris uris, GraphJson json, Clock clock,
			GraphCallPolicy policy, Duration requestTimeout, int maxResponseBytes) {
		this.webClient = webClient;
		this.tokens = tokens;
		this.uris = uris;
		this.json = json;
		this.clock = clock;
		this.policy = policy;
		this.deadline = GraphDeadline.startingNow(requestTimeout, clock);
		this.maxResponseBytes = maxResponseBytes;
	}

	@Override
	public Mono<GraphCallRecord> getCallRecord(CallRecordRequest request) {
		String id = request.callRecordId();
		String clientRequestId = request.clientRequestId();
		int max = request.maxExpandedItems();
		Mono<CallRecordBody> body = get(this.uris.callRecord(request), clientRequestId, null, "get_call_record",
				recordScope(id), this.json.type(CallRecordBody.class));
		return this.policy.guard("get_call_record:" + recordScope(id), body.flatMap((record) -> {
			Mono<Expanded<GraphParticipant>> participants = expand(record.participants(), record.participantsNextLink(),
					PageRequest.participants(id, null, clientRequestId), GraphParticipant.class, max);
			Mono<Expanded<GraphSession>> sessions = expand(record.sessions(), record.sessionsNextLink(),
					PageRequest.sessions(id,
							request.expand().contains(CallRecordRequest.Expansion.SESSIONS_WITH_SEGMENTS), null,
							clientRequestId),
					GraphSession.class, max);
			return Mono.zip(participants, sessions)
				.map((both) -> record.toRecord(both.getT1().items(), both.getT1().truncated(), both.getT2().items(),
						both.getT2().truncated()));
		})).contextWrite(this.deadline);
	}

	@Override
	public Mono<GraphPage<GraphCallRecord>> listCallRecords(PageRequest request) {
		return page(request, CallRecordBody.class).map((page) -> new GraphPage<>(
				page.items().stream().map((record) -> record.toRecord(null, false, null, false)).toList(),
				page.next()));
	}

	@Override
	public Mono<GraphPage<GraphSession>> listSessions(PageRequest request) {
		return page(request, GraphSession.class);
	}

	@Override
	public Mono<GraphPage<GraphParticipant>> listParticipants(PageRequest request) {
		return page(request, GraphParticipant.class);
	}

	@Override
	public Mono<GraphPage<GraphPstnCallRow>> listPstnCalls(PageRequest request) {
		return page(request, GraphPstnCallRow.class);
	}

	@Override
	public Mono<GraphPage<GraphDirectRoutingRow>> listDirectRoutingCalls(PageRequest request) {
		return page(request, GraphDirectRoutingRow.class);
	}

	@Override
	public @Nullable PageLink pageLink(String link, GraphCollection collection, @Nullable String callRecordId) {
		return this.uris.pageLink(link, collection, callRecordId);
	}

	private <T> Mono<GraphPage<T>> page(PageRequest request, Class<T> itemType) {
		return this.policy.guard(resource(request), getPage(request, itemType)).contextWrite(this.deadline);
	}

	/**
	 * What a page request reads, for the circuit breaker: a record's collection, or one
	 * query of the list (each of its pages apart).
	 */
	private String resource(PageRequest request) {
		String collection = request.collection().name().toLowerCase(Locale.ROOT);
		if (request.callRecordId() != null) {
			return collection + ":" + recordScope(request.callRecordId());
		}
		return collection + ":" + ((request.next() != null) ? request.next().value() : this.uris.firstPage(request));
	}

	private <T> Mono<GraphPage<T>> getPage(PageRequest request, Class<T> itemType) {
		PageLink link = request.next();
		URI target = (link != null) ? this.uris.followable(link.value(), request.collection(), request.callRecordId())
				: this.uris.firstPage(request);
		if (target == null) {
			return Mono.error(new GraphException(GraphFailure.BAD_RESPONSE,
					"Refusing to follow a link outside of " + request.collection(), null));
		}
		String operation = switch (request.collection()) {
			case CALL_RECORDS -> "list_call_records";
			case SESSIONS -> "list_sessions";
			case PARTICIPANTS -> "list_participants";
			case PSTN_CALLS -> "list_pstn_calls";
			case DIRECT_ROUTING_CALLS -> "list_direct_routing_calls";
		};
		String scope = switch (request.collection()) {
			case PSTN_CALLS -> GraphBudgets.PSTN_CALLS;
			case DIRECT_ROUTING_CALLS -> GraphBudgets.DIRECT_ROUTING_CALLS;
			default -> (request.callRecordId() != null) ? recordScope(request.callRecordId()) : GraphBudgets.LIST;
		};
		Mono<PageBody<T>> body = get(target, request.clientRequestId(), request.pageSize(), operation, scope,
				this.json.pageOf(itemType));
		return body.map((page) -> toPage(page, request)).onErrorMap((ex) -> link != null && isExpiredLink(ex), (ex) -> {
			GraphException failure = (GraphException) ex;
			return new GraphException(GraphFailure.LINK_EXPIRED, "Graph no longer accepts the next link",
					failure.upstreamStatus(), failure.upstreamRequestId(), null, ex);
		});
	}

	private <T> GraphPage<T> toPage(PageBody<T> body, PageRequest request) {
		if (body.value() == null) {
			throw new GraphException(GraphFailure.BAD_RESPONSE, "Graph's page has no value array", null);
		}
		PageLink next = null;
		if (body.nextLink() != null) {
			next = this.uris.pageLink(body.nextLink(), request.collection(), request.callRecordId());
			if (next == null) {
				throw new GraphException(GraphFailure.BAD_RESPONSE,
						"Graph sent a next link outside of " + request.collection(), null);
			}
		}
		return new GraphPage<>(body.value(), next);
	}

	/**
	 * Follows an expanded collection's next links until its end or {@code max} items,
	 * reading one page at a time.
	 */
	private <T> Mono<Expanded<T>> expand(@Nullable List<@Nullable T> first, @Nullable String next, PageRequest request,
			Class<T> itemType, int max) {
		if (first == null) {
			return Mono.just(new Expanded<>(null, false));
		}
		// the record carries the collection's first page: checked like any other page
		return Mono.fromCallable(() -> toPage(new PageBody<>(first, next), request))
			.flatMap((page) -> follow(new ArrayList<>(page.items()), page.next(), request, itemType, max));
	}

	private <T> Mono<Expanded<T>> follow(List<T> items, @Nullable PageLink next, PageRequest request, Class<T> itemType,
			int max) {
		if (items.size() > max || (items.size() == max && next != null)) {
			return Mono.just(new Expanded<>(List.copyOf(items.subList(0, max)), true));
		}
		if (next == null) {
			return Mono.just(new Expanded<>(items, false));
		}
		return getPage(request.continueAt(next), itemType)
			.onErrorMap((ex) -> ex instanceof GraphException failure && failure.failure() == GraphFailure.LINK_EXPIRED,
					(ex) -> new GraphException(GraphFailure.UNEXPECTED_STATUS,
							"Graph rejected the next link of an expanded collection", ex))
			.flatMap((page) -> {
				items.addAll(page.items());
				return follow(items, page.next(), request, itemType, max);
			});
	}

	private static boolean isExpiredLink(Throwable ex) {
		if (!(ex instanceof GraphException failure)) {
			return false;
		}
		return failure.failure() == GraphFailure.NOT_FOUND || failure.failure() == GraphFailure.UNEXPECTED_STATUS;
	}

	private static String recordScope(String callRecordId) {
		return "record:" + callRecordId.toLowerCase(Locale.ROOT);
	}

	/**
	 * One Graph GET under the call policy, its body read as the given type.
	 */
	private <T> Mono<T> get(URI uri, String clientRequestId, @Nullable Integer pageSize, String operation, String scope,
			JavaType type) {
		String prefer = (pageSize != null) ? PREFER + ", odata.maxpagesize=" + pageSize : PREFER;
		return this.policy.execute(operation, scope, () -> authorized(uri, clientRequestId, prefer, type));
	}

	private <T> Mono<T> authorized(URI uri, String clientRequestId, String prefer, JavaType type) {
		return this.<T>exchange(uri, clientRequestId, prefer, type)
			.onErrorResume(TokenRejectedException.class, (rejected) -> {
				logger.info("Graph rejected the cached token; fetching a new one and retrying once");
				return this.tokens.invalidate().then(this.<T>exchange(uri, clientRequestId, prefer, type));
			})
			.onErrorMap(TokenRejectedException.class, (rejected) -> rejected.toGraphException());
	}

	private <T> Mono<T> exchange(URI uri, String clientRequestId, String prefer, JavaType type) {
		return this.tokens.accessToken()
			.onErrorMap((ex) -> new GraphException(GraphFailure.AUTH_FAILED,
					"Entra ID did not issue a token: " + ((ex instanceof OAuth2AuthorizationException oauth)
							? oauth.getError().getErrorCode() : ex.getClass().getSimpleName()),
					ex))
			.flatMap((token) -> this.webClient.get().uri(uri).accept(MediaType.APPLICATION_JSON).headers((headers) -> {
				headers.setBearerAuth(token);
				headers.set("Prefer", prefer);
				headers.set("client-request-id", clientRequestId);
			}).exchangeToMono((response) -> this.<T>read(response, type)))
			.onErrorMap((ex) -> !(ex instanceof GraphException) && !(ex instanceof TokenRejectedException),
					this::translate);
	}

	private <T> Mono<T> read(ClientResponse response, JavaType type) {
		HttpStatusCode status = response.statusCode();
		String requestId = response.headers().asHttpHeaders().getFirst("request-id");
		if (status.is2xxSuccessful()) {
			return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()), this.maxResponseBytes)
				.map((buffer) -> this.<T>decode(buffer, type))
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

	/**
	 * Reads a whole body into its type; the joined buffer is released as soon as it is
	 * read, so a large record is held once as bytes and once as records, briefly.
	 */
	private <T> T decode(DataBuffer buffer, JavaType type) {
		T value;
		try (InputStream body = buffer.asInputStream(true)) {
			value = this.json.read(body, type);
		}
		catch (IOException ex) {
			throw new GraphException(GraphFailure.BAD_RESPONSE, "Graph's body could not be read", ex);
		}
		if (value == null) {
			throw new GraphException(GraphFailure.BAD_RESPONSE, "Graph answered without a JSON object", null);
		}
		return value;
	}

	private @Nullable String graphErrorCode(String body) {
		if (body.isBlank()) {
			return null;
		}
		try {
			ErrorBody error = this.json.read(body, ErrorBody.class);
			return (error != null && error.error() != null) ? error.error().code() : null;
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

	/** A Graph error body: {@code {"error": {"code": ...}}}. */
	private record ErrorBody(@Nullable Error error) {

		private record Error(@Nullable String code) {
		}

	}

	/** An expanded collection as read, and whether Graph had more. */
	private record Expanded<T>(@Nullable List<@Nullable T> items, boolean truncated) {
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
