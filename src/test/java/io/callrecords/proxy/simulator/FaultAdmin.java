package io.callrecords.proxy.simulator;

import java.time.Duration;

import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * {@code POST /__faults?kind=...} on the simulated Graph adds a fault,
 * {@code DELETE /__faults} removes them all: fault injection for the local run, from
 * {@code curl}. Kinds and parameters: {@code throttle} ({@code scope},
 * {@code retryAfter}), {@code status} ({@code status}, {@code times}, optional
 * {@code retryAfter}), {@code poison} ({@code scope}, {@code status}: every request in
 * the scope until cleared), {@code latency} ({@code ms}, {@code times}), {@code reset},
 * {@code malformed}, {@code truncated}, {@code token-invalid-client} ({@code times}),
 * {@code token-status} ({@code status}, {@code times}).
 */
final class FaultAdmin extends NamedTransformer {

	static final String NAME = "graph-fault-admin";

	static final String PATH = "/__faults";

	private final GraphFaults faults;

	FaultAdmin(GraphFaults faults) {
		super(NAME);
		this.faults = faults;
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		Request request = serveEvent.getRequest();
		if (RequestMethod.DELETE.equals(request.getMethod())) {
			this.faults.clear();
			return answer(200, "faults cleared");
		}
		String kind = param(request, "kind", "");
		int times = Integer.parseInt(param(request, "times", "1"));
		try {
			switch (kind) {
				case "throttle" ->
					this.faults.throttle(param(request, "scope", GraphFaults.ANY), param(request, "retryAfter", "5"));
				case "poison" -> this.faults.poison(param(request, "scope", "list"),
						Integer.parseInt(param(request, "status", "500")));
				case "status" -> this.faults.status(Integer.parseInt(param(request, "status", "503")), times,
						param(request, "retryAfter", null));
				case "latency" ->
					this.faults.latency(Duration.ofMillis(Long.parseLong(param(request, "ms", "1000"))), times);
				case "reset" -> this.faults.connectionReset(times);
				case "malformed" -> this.faults.malformedBody(times);
				case "truncated" -> this.faults.truncatedBody(times);
				case "token-status" ->
					this.faults.tokenStatus(Integer.parseInt(param(request, "status", "503")), times);
				case "token-invalid-client" -> this.faults.tokenInvalidClient(times);
				default -> {
					return answer(400, "unknown kind '" + kind + "'");
				}
			}
		}
		catch (RuntimeException ex) {
			return answer(400, "invalid fault: " + ex.getMessage());
		}
		return answer(200, "fault added: " + kind);
	}

	private static String param(Request request, String name, String fallback) {
		QueryParameter parameter = request.queryParameter(name);
		return (parameter != null && parameter.isPresent()) ? parameter.firstValue() : fallback;
	}

	private static ResponseDefinition answer(int status, String message) {
		return responseDefinition().withStatus(status).withBody(message + "\n").build();
	}

}
