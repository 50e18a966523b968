package io.callrecords.proxy.web;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

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

	private final Supplier<Collection<String>> templates;

	private volatile @Nullable List<PathPattern> patterns;

	@Autowired
	AuditLog(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
		this(() -> {
			RequestMappingHandlerMapping mapping = mappings.getIfAvailable();
			return (mapping != null) ? mapping.getHandlerMethods()
				.keySet()
				.stream()
				.flatMap((info) -> info.getPatternValues().stream())
				.toList() : List.of();
		});
	}

	/**
	 * An audit log that names requests Spring MVC did not match by these path templates.
	 * @param templates the API's path templates
	 */
	AuditLog(Supplier<Collection<String>> templates) {
		this.templates = templates;
	}

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
			// the API answers on the request's thread (no async dispatch): the request is
			// over here
			log(request, response, start);
		}
	}

	private void log(HttpServletRequest request, HttpServletResponse response, long start) {
		long millis = (System.nanoTime() - start) / 1_000_000;
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		String callRecordId = pathVariable(request, "id");
		if (pattern == null) {
			// refused before Spring MVC matched it (401, 429) or matched no method (405):
			// named by the API's template its path matches
			PathContainer path = PathContainer.parsePath(request.getRequestURI());
			for (PathPattern template : patterns()) {
				PathPattern.PathMatchInfo match = template.matchAndExtract(path);
				if (match != null) {
					pattern = template.getPatternString();
					callRecordId = match.getUriVariables().get("id");
					break;
				}
			}
		}
		String operation = request.getMethod() + " " + ((pattern != null) ? pattern : "unmatched");
		ApiCall call = ApiCall.of(request);
		String caller = orDash((call != null) ? call.caller() : null);
		ProblemCode problem = (call != null) ? call.problem() : null;
		String upstream = orDash((call != null) ? call.upstreamRequestId() : null);
		String outcome = (problem != null) ? problem.name() : (response.getStatus() < 400) ? "OK" : "ERROR";
		String clientRequestId = (call != null) ? call.id() : null;
		audit.atInfo()
			.addKeyValue("caller", caller)
			.addKeyValue("operation", operation)
			.addKeyValue("callRecordId", orDash(callRecordId))
			.addKeyValue("status", response.getStatus())
			.addKeyValue("outcome", outcome)
			.addKeyValue("durationMs", millis)
			.addKeyValue("upstreamRequestId", upstream)
			.log("caller={} operation=\"{}\" callRecordId={} status={} outcome={} durationMs={} clientRequestId={} "
					+ "upstreamRequestId={}", caller, operation, orDash(callRecordId), response.getStatus(), outcome,
					millis, clientRequestId, upstream);
	}

	private List<PathPattern> patterns() {
		List<PathPattern> patterns = this.patterns;
		if (patterns == null) {
			patterns = this.templates.get()
				.stream()
				.filter((template) -> template.startsWith("/api/"))
				.map(PathPatternParser.defaultInstance::parse)
				.sorted(PathPattern.SPECIFICITY_COMPARATOR)
				.toList();
			this.patterns = patterns;
		}
		return patterns;
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
