package io.callrecords.proxy.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Starts the {@link ApiCall} of every inbound request with its id: the caller's
 * {@code client-request-id} when it is a GUID, else a fresh one. The id is Graph's
 * {@code client-request-id}, returned to the caller in the {@code client-request-id}
 * header and in problems, and put in the log MDC.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIds extends OncePerRequestFilter {

	/** The header carrying the request id, named as Graph names it. */
	static final String HEADER = "client-request-id";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String id = ApiCall.start(request, request.getHeader(HEADER)).id();
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
