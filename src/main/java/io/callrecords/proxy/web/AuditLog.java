package io.callrecords.proxy.web;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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

	static final String UPSTREAM_REQUEST_ID = AuditLog.class.getName() + ".upstreamRequestId";

	private static final Logger audit = LoggerFactory.getLogger("callrecords.audit");

	private static final Pattern RECORD_ID = Pattern.compile("/api/v1/call-records/([0-9a-fA-F-]{36})(?:/|$)");

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
		Matcher record = RECORD_ID.matcher(request.getRequestURI());
		String callRecordId = record.find() ? record.group(1) : "-";
		Object caller = attributeOrDash(request, CallerQuotas.CALLER);
		Object code = request.getAttribute(ProblemResponses.PROBLEM_CODE);
		Object upstream = attributeOrDash(request, UPSTREAM_REQUEST_ID);
		String outcome = (code != null) ? code.toString() : (response.getStatus() < 400) ? "OK" : "ERROR";
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
					RequestIds.of(request), upstream);
	}

	private static Object attributeOrDash(HttpServletRequest request, String name) {
		Object value = request.getAttribute(name);
		return (value != null) ? value : "-";
	}

}
