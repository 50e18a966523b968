package io.callrecords.proxy.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import org.jspecify.annotations.Nullable;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.like;
import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * Faults the simulator injects, from tests ({@link GraphSimulator#faults()}) or from the
 * local run ({@code POST /__faults} on the simulated Graph, see README). Each fault
 * applies to the next matching requests, {@code times} of them.
 * <p>
 * {@link #throttle} behaves like Graph (and Microsoft's Dev Proxy): the first request in
 * the scope gets a 429 with the given {@code Retry-After}, and every request in the scope
 * that comes back before that time has passed gets another 429.
 */
public final class GraphFaults {

	/** Any Graph request. */
	public static final String ANY = "app";

	private final Clock clock;

	private final Queue<Planned> planned = new ConcurrentLinkedQueue<>();

	private final Map<String, Instant> throttledUntil = new ConcurrentHashMap<>();

	private final Map<String, String> pendingThrottles = new ConcurrentHashMap<>();

	private final Map<String, Integer> poisoned = new ConcurrentHashMap<>();

	GraphFaults(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Throttles a scope like Graph: a 429 with this {@code Retry-After}, and 429s to
	 * anyone who comes back earlier.
	 * @param scope {@code list}, {@code record:<id>} (also covers its sessions and
	 * participants) or {@value #ANY} for every request
	 * @param retryAfter the header as Graph sends it: {@code 10}, {@code 2.128}, an
	 * HTTP-date or {@code 31,120}
	 */
	public void throttle(String scope, String retryAfter) {
		this.pendingThrottles.put(scope.toLowerCase(java.util.Locale.ROOT), retryAfter);
	}

	/**
	 * Answers the next requests with an HTTP status and Graph's error body.
	 * @param status for example 503 or 504
	 * @param times how many requests
	 * @param retryAfter a {@code Retry-After} header, or {@code null} for none
	 */
	public void status(int status, int times, @Nullable String retryAfter) {
		add(new Planned(Kind.STATUS, times, status, retryAfter, Duration.ZERO));
	}

	/**
	 * Answers every request in a scope with an HTTP status, until the faults are cleared:
	 * a record Graph cannot render.
	 * @param scope {@code record:<id>} (also covers its sessions and participants) or
	 * {@code list}
	 * @param status for example 500
	 */
	public void poison(String scope, int status) {
		this.poisoned.put(scope.toLowerCase(java.util.Locale.ROOT), status);
	}

	/**
	 * Delays the next responses.
	 * @param delay the delay
	 * @param times how many requests
	 */
	public void latency(Duration delay, int times) {
		add(new Planned(Kind.LATENCY, times, 200, null, delay));
	}

	/**
	 * Resets the connection of the next requests.
	 * @param times how many requests
	 */
	public void connectionReset(int times) {
		add(new Planned(Kind.RESET, times, 0, null, Duration.ZERO));
	}

	/**
	 * Answers the next requests with 200 and a body that is not JSON.
	 * @param times how many requests
	 */
	public void malformedBody(int times) {
		add(new Planned(Kind.MALFORMED, times, 200, null, Duration.ZERO));
	}

	/**
	 * Answers the next requests with 200 and the first half of the real body.
	 * @param times how many requests
	 */
	public void truncatedBody(int times) {
		add(new Planned(Kind.TRUNCATED, times, 200, null, Duration.ZERO));
	}

	/**
	 * Answers the next token requests with a status (for example 503).
	 * @param status the status
	 * @param times how many requests
	 */
	public void tokenStatus(int status, int times) {
		add(new Planned(Kind.TOKEN_STATUS, times, status, null, Duration.ZERO));
	}

	/**
	 * Refuses the next token requests as Entra ID refuses a wrong secret.
	 * @param times how many requests
	 */
	public void tokenInvalidClient(int times) {
		add(new Planned(Kind.TOKEN_INVALID_CLIENT, times, 401, null, Duration.ZERO));
	}

	/** Removes every fault. */
	public void clear() {
		this.planned.clear();
		this.throttledUntil.clear();
		this.pendingThrottles.clear();
		this.poisoned.clear();
	}

	private void add(Planned fault) {
		if (fault.remaining().get() > 0) {
			this.planned.add(fault);
		}
	}

	/**
	 * The fault for a Graph request, if any.
	 * @param scope the request's scope ({@code list} or {@code record:<id>})
	 * @param normal produces the normal response, for faults that alter it
	 * @param clientRequestId the request's {@code client-request-id}
	 * @return the faulty response, or {@code null} to answer normally
	 */
	@Nullable ResponseDefinition graph(String scope, java.util.function.Supplier<ResponseDefinition> normal,
			@Nullable String clientRequestId) {
		Instant now = this.clock.instant();
		for (String key : new String[] { scope, ANY }) {
			Instant until = this.throttledUntil.get(key);
			if (until != null && now.isBefore(until)) {
				long seconds = Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
				return throttled(Long.toString(seconds), clientRequestId);
			}
			String retryAfter = this.pendingThrottles.remove(key);
			if (retryAfter != null) {
				this.throttledUntil.put(key, now.plus(parse(retryAfter, now)));
				return throttled(retryAfter, clientRequestId);
			}
		}
		Integer poison = this.poisoned.get(scope);
		if (poison != null) {
			return GraphCallRecords.error(poison, "InternalServerError", "The record cannot be rendered.",
					clientRequestId);
		}
		Planned fault = take(false);
		if (fault == null) {
			return null;
		}
		return switch (fault.kind()) {
			case STATUS -> {
				ResponseDefinition error = GraphCallRecords.error(fault.status(),
						(fault.status() == 504) ? "GatewayTimeout" : "ServiceUnavailable",
						"The service is temporarily unavailable.", clientRequestId);
				yield (fault.retryAfter() != null) ? like(error).withHeader("Retry-After", fault.retryAfter()).build()
						: error;
			}
			case LATENCY -> like(normal.get()).withFixedDelay(Math.toIntExact(fault.delay().toMillis())).build();
			case RESET -> responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
			case MALFORMED -> responseDefinition().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("<html><body>Bad gateway</body></html>")
				.build();
			case TRUNCATED -> {
				ResponseDefinition real = normal.get();
				String body = real.getBody();
				yield like(real).withBody(body.substring(0, body.length() / 2)).build();
			}
			default -> null;
		};
	}

	/**
	 * The fault for a token request, if any.
	 * @return the faulty response, or {@code null} to answer normally
	 */
	@Nullable ResponseDefinition token() {
		Planned fault = take(true);
		if (fault == null) {
			return null;
		}
		if (fault.kind() == Kind.TOKEN_INVALID_CLIENT) {
			return TokenIssuer.error(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
		}
		return responseDefinition().withStatus(fault.status())
			.withHeader("Content-Type", "text/html")
			.withBody("<html>Service unavailable</html>")
			.build();
	}

	private @Nullable Planned take(boolean token) {
		for (Planned fault : this.planned) {
			boolean tokenFault = fault.kind() == Kind.TOKEN_STATUS || fault.kind() == Kind.TOKEN_INVALID_CLIENT;
			if (tokenFault == token && fault.remaining().getAndDecrement() > 0) {
				if (fault.remaining().get() <= 0) {
					this.planned.remove(fault);
				}
				return fault;
			}
		}
		return null;
	}

	private static ResponseDefinition throttled(String retryAfter, @Nullable String clientRequestId) {
		ResponseDefinition error = GraphCallRecords.error(429, "TooManyRequests",
				"Too many requests. Please try again later.", clientRequestId);
		return like(error).withHeader("Retry-After", retryAfter).build();
	}

	/**
	 * Reads Retry-After as the service should: the longest wait of a list, HTTP-dates
	 * too.
	 */
	static Duration parse(String retryAfter, Instant now) {
		if (retryAfter.matches("[\\d.,\\s]+")) {
			BigDecimal longest = BigDecimal.ZERO;
			for (String part : retryAfter.split(",")) {
				longest = longest.max(new BigDecimal(part.trim()));
			}
			return Duration.ofMillis(longest.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact());
		}
		Instant at = ZonedDateTime.parse(retryAfter, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
		return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
	}

	private enum Kind {

		STATUS, LATENCY, RESET, MALFORMED, TRUNCATED, TOKEN_STATUS, TOKEN_INVALID_CLIENT

	}

	private record Planned(Kind kind, AtomicInteger remaining, int status, @Nullable String retryAfter,
			Duration delay) {

		Planned(Kind kind, int times, int status, @Nullable String retryAfter, Duration delay) {
			this(kind, new AtomicInteger(times), status, retryAfter, delay);
		}

	}

}
