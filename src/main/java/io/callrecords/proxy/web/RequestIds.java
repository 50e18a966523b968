package io.callrecords.proxy.web;

import java.io.IOException;
import java.util.UUID;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every inbound request a fresh id, used as Graph's {@code client-request-id},
 * returned to the caller in the {@code client-request-id} header and in problems, and put
 * in the log MDC.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIds extends OncePerRequestFilter {

	/** The header carrying the request id, named as Graph names it. */
	public static final String HEADER = "client-request-id";

	private static final String ATTRIBUTE = RequestIds.class.getName() + ".id";

	/**
	 * The id of the request being handled.
	 * @return the id, or a fresh one outside of a request
	 */
	public static String current() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		Object id = (attributes != null) ? attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) : null;
		return (id instanceof String value) ? value : UUID.randomUUID().toString();
	}

	/**
	 * A header of the request being handled.
	 * @param name the header's name
	 * @return its value, or {@code null}
	 */
	public static @Nullable String header(String name) {
		return (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
				? attributes.getRequest().getHeader(name) : null;
	}

	static @Nullable String of(HttpServletRequest request) {
		return (request.getAttribute(ATTRIBUTE) instanceof String id) ? id : null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String id = UUID.randomUUID().toString();
		request.setAttribute(ATTRIBUTE, id);
		response.setHeader(HEADER, id);
		MDC.put("clientRequestId", id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove("clientRequestId");
		}
	}

}
