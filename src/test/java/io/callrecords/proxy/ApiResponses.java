package io.callrecords.proxy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls the running service over HTTP and checks every response against
 * {@code api-spec.yaml} (status, content type, headers and body schema) before a test
 * sees it.
 */
public final class ApiResponses {

	/**
	 * The contract, read once per JVM. Strict: properties the spec does not name fail.
	 */
	public static final OpenApiInteractionValidator CONTRACT = OpenApiInteractionValidator
		.createForSpecificationUrl(Path.of("api-spec.yaml").toUri().toString())
		.build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	private final String token;

	/**
	 * A client of the service that authenticates with a bearer token.
	 * @param port the service's port
	 * @param token the bearer token to send
	 */
	public ApiResponses(int port, String token) {
		this.baseUrl = "http://localhost:" + port;
		this.token = token;
	}

	/**
	 * GETs a path (with query) and validates the response against the contract.
	 * @param pathAndQuery for example
	 * {@code /api/v1/call-records/{id}?include=participants}
	 * @return the validated response
	 */
	public Response get(String pathAndQuery) {
		return getWithToken(pathAndQuery, this.token);
	}

	/**
	 * GETs a path with a given bearer token, or none, and validates the response.
	 * @param pathAndQuery the path and query
	 * @param bearer the token, or {@code null} for no {@code Authorization} header
	 * @return the validated response
	 */
	public Response getWithToken(String pathAndQuery, String bearer) {
		Response response = send(pathAndQuery, bearer, java.util.Map.of());
		assertConformsToContract(response);
		return response;
	}

	/**
	 * GETs a path the contract does not describe, such as an unknown one.
	 * @param pathAndQuery the path and query
	 * @return the response, not validated
	 */
	public Response getOutsideContract(String pathAndQuery) {
		return send(pathAndQuery, this.token, java.util.Map.of());
	}

	/**
	 * GETs a path with extra headers, not validated.
	 * @param pathAndQuery the path and query
	 * @param bearer the token, or {@code null} for none
	 * @param headers extra request headers
	 * @return the response
	 */
	public Response send(String pathAndQuery, String bearer, java.util.Map<String, String> headers) {
		try {
			HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.baseUrl + pathAndQuery))
				.timeout(Duration.ofSeconds(30))
				.GET();
			if (bearer != null) {
				builder.header("Authorization", "Bearer " + bearer);
			}
			headers.forEach(builder::header);
			HttpRequest request = builder.build();
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Sends the same authenticated GET from many callers at once, without a thread per
	 * caller.
	 * @param callers how many
	 * @param pathAndQuery the path and query
	 * @return the statuses, one per caller
	 */
	public List<Integer> concurrently(int callers, String pathAndQuery) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + pathAndQuery))
			.header("Authorization", "Bearer " + this.token)
			.timeout(Duration.ofSeconds(30))
			.build();
		List<CompletableFuture<HttpResponse<String>>> responses = IntStream.range(0, callers)
			.mapToObj((i) -> this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
			.toList();
		return responses.stream().map((response) -> response.join().statusCode()).toList();
	}

	private static void assertConformsToContract(Response response) {
		String path = response.raw.uri().getRawPath();
		SimpleResponse.Builder contractResponse = SimpleResponse.Builder.status(response.status())
			.withBody(response.body());
		response.raw.headers().map().forEach((name, values) -> contractResponse.withHeader(name, values));
		ValidationReport report = CONTRACT.validateResponse(path, Request.Method.GET, contractResponse.build());
		assertThat(report.getMessages())
			.as("response of GET %s must conform to api-spec.yaml: %s", path, response.body())
			.isEmpty();
	}

	/**
	 * A response of the service.
	 */
	public static final class Response {

		private final HttpResponse<String> raw;

		Response(HttpResponse<String> raw) {
			this.raw = raw;
		}

		public int status() {
			return this.raw.statusCode();
		}

		public String body() {
			return this.raw.body();
		}

		public JsonNode json() {
			return JSON.readTree(this.raw.body());
		}

		public String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

		public String contentType() {
			return header("Content-Type");
		}

	}

}
