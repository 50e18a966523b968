package io.callrecords.proxy.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;

/**
 * Writes RFC 9457 problems from servlet filters, where Spring MVC's problem handling does
 * not reach (authentication, authorization, caller quota). Same members as
 * {@link ProblemAdvice}.
 */
@Component
public class ProblemResponses {

	static final String PROBLEM_CODE = ProblemResponses.class.getName() + ".code";

	private final ObjectMapper objectMapper;

	ProblemResponses(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
	}

	void write(HttpServletRequest request, HttpServletResponse response, ProblemCode code, String detail)
			throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", code.type().toString());
		problem.put("title", code.title());
		problem.put("status", code.status().value());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		problem.put("code", code.name());
		problem.put("clientRequestId", RequestIds.of(request));
		request.setAttribute(PROBLEM_CODE, code.name());
		response.setStatus(code.status().value());
		response.setContentType("application/problem+json");
		this.objectMapper.writeValue(response.getOutputStream(), problem);
	}

}
