package io.callrecords.proxy.web;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * One audit line per API request on the {@code callrecords.audit} logger: caller,
 * operation, call record id, status, outcome (the problem code or {@code OK}), duration
 * and request ids. No tokens and no personal data beyond ids. The values are also
 * key-value pairs, which structured logging (JSON) writes as fields.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class AuditLog extends OncePerRequestFilter {

	private static final Logger audit = LoggerFactory.getLogger("callrecords.audit");

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (request.isAsyncStarted()) {
				// the request ends on another thread: keep its log context (trace and
				// request ids)
				Map<String, String> context = MDC.getCopyOfContextMap();
				request.getAsyncContext().addListener(new AsyncListener() {

					@Override
					public void onComplete(AsyncEvent event) {
						Map<String, String> previous = MDC.getCopyOfContextMap();
						MDC.setContextMap((context != null) ? context : Map.of());
						try {
							log(request, response, start);
						}
						finally {
							MDC.setContextMap((previous != null) ? previous : Map.of());
						}
					}

					@Override
					public void onTimeout(AsyncEvent event) {
					}

					@Override
					public void onError(AsyncEvent event) {
					}

					@Override
					public void onStartAsync(AsyncEvent event) {
					}

				});
			}
			else {
				log(request, response, start);
			}
		}
	}

	private static void log(HttpServletRequest request, HttpServletResponse response, long start) {
		long millis = (System.nanoTime() - start) / 1_000_000;
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		String operation = request.getMethod() + " " + ((pattern != null) ? pattern : "unmatched");
		String callRecordId = orDash(pathVariable(request, "id"));
		ApiCall call = ApiCall.of(request);
		String caller = orDash((call != null) ? call.caller() : null);
		ProblemCode problem = (call != null) ? call.problem() : null;
		String upstream = orDash((call != null) ? call.upstreamRequestId() : null);
		String outcome = (problem != null) ? problem.name() : (response.getStatus() < 400) ? "OK" : "ERROR";
		String clientRequestId = (call != null) ? call.id() : null;
		audit.atInfo()
			.addKeyValue("caller", caller)
			.addKeyValue("operation", operation)
			.addKeyValue("callRecordId", callRecordId)
			.addKeyValue("status", response.getStatus())
			.addKeyValue("outcome", outcome)
			.addKeyValue("durationMs", millis)
			.addKeyValue("upstreamRequestId", upstream)
			.log("caller={} operation=\"{}\" callRecordId={} status={} outcome={} durationMs={} clientRequestId={} "
					+ "upstreamRequestId={}", caller, operation, callRecordId, response.getStatus(), outcome, millis,
					clientRequestId, upstream);
	}

	/** A variable of the matched path, such as the call record's {@code id}. */
	private static @Nullable String pathVariable(HttpServletRequest request, String name) {
		Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		return (variables instanceof Map<?, ?> map && map.get(name) instanceof String value) ? value : null;
	}

	private static String orDash(@Nullable String value) {
		return (value != null) ? value : "-";
	}

}
