package io.callrecords.proxy.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Writes RFC 9457 problems from servlet filters, where Spring MVC's problem handling does
 * not reach (authentication, authorization, caller quota), with the members of
 * {@link Problems}.
 */
@Component
class ProblemResponses {

	private final ObjectMapper objectMapper;

	ProblemResponses(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
	}

	void write(HttpServletRequest request, HttpServletResponse response, ProblemCode code, String detail)
			throws IOException {
		// written as a map because the application's ObjectMapper does not flatten
		// ProblemDetail's properties as Spring MVC's converter does
		ProblemDetail members = Problems.problem(code, detail);
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", String.valueOf(members.getType()));
		problem.put("title", members.getTitle());
		problem.put("status", members.getStatus());
		problem.put("detail", members.getDetail());
		problem.put("instance", request.getRequestURI());
		if (members.getProperties() != null) {
			problem.putAll(members.getProperties());
		}
		response.setStatus(code.status().value());
		response.setContentType("application/problem+json");
		this.objectMapper.writeValue(response.getOutputStream(), problem);
	}

}
