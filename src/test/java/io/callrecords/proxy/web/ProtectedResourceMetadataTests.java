package io.callrecords.proxy.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9728 metadata: served, correct, where the audience is an https URL; nowhere, and
 * named by no challenge, where it is not.
 */
class ProtectedResourceMetadataTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String ISSUER = "https://login.microsoftonline.com/dc368399-474c-4d40-900c-6265431fd81f/v2.0";

	@Test
	void anHttpsAudienceIsTheResourceWithTheIssuerAndTheScopesThatWork() throws Exception {
		ProtectedResourceMetadata metadata = metadata("https://callrecords.contoso.example");

		MockHttpServletResponse response = get(metadata, "/.well-known/oauth-protected-resource");

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).isEqualTo("application/json");
		JsonNode body = json.readTree(response.getContentAsString());
		assertThat(body.path("resource").asString()).isEqualTo("https://callrecords.contoso.example");
		assertThat(body.path("authorization_servers").valueStream().map(JsonNode::asString)).containsExactly(ISSUER);
		assertThat(body.path("scopes_supported").valueStream().map(JsonNode::asString)).containsExactly(
				"https://callrecords.contoso.example/.default", "https://callrecords.contoso.example/CallRecords.Read");
		assertThat(body.path("bearer_methods_supported").valueStream().map(JsonNode::asString))
			.containsExactly("header");
		assertThat(body.has("tls_client_certificate_bound_access_tokens")).isFalse();
		assertThat(metadata.challenge("Bearer error=\"invalid_token\", resource_metadata=\"http://pod:8080/x\""))
			.isEqualTo("Bearer error=\"invalid_token\", resource_metadata="
					+ "\"https://callrecords.contoso.example/.well-known/oauth-protected-resource\"");
	}

	@Test
	void anAudienceWithAPathIsServedAtTheWellKnownUrlDerivedFromIt() throws Exception {
		ProtectedResourceMetadata metadata = metadata("https://api.contoso.example/callrecords");

		assertThat(get(metadata, "/.well-known/oauth-protected-resource/callrecords").getStatus()).isEqualTo(200);
		assertThat(get(metadata, "/.well-known/oauth-protected-resource").getStatus()).isEqualTo(404);
		assertThat(metadata.url())
			.isEqualTo("https://api.contoso.example/.well-known/oauth-protected-resource/callrecords");
	}

	@Test
	void anAudienceThatIsNoHttpsUrlPublishesNothingAndChallengesDoNotPointToIt() throws Exception {
		for (String audience : List.of("api://callrecords-proxy", "6e1a3b7c-1111-4222-8333-944455556666",
				"http://callrecords.contoso.example")) {
			ProtectedResourceMetadata metadata = metadata(audience);

			MockHttpServletResponse response = get(metadata, "/.well-known/oauth-protected-resource");

			assertThat(response.getStatus()).as(audience).isEqualTo(404);
			assertThat(response.getContentType()).isEqualTo("application/problem+json");
			assertThat(metadata.url()).isNull();
			assertThat(metadata.challenge("Bearer resource_metadata=\"http://pod:8080/.well-known/x\""))
				.isEqualTo("Bearer");
			assertThat(metadata.challenge(
					"Bearer error=\"invalid_token\", error_description=\"Jwt expired\", resource_metadata=\"http://h/x\""))
				.isEqualTo("Bearer error=\"invalid_token\", error_description=\"Jwt expired\"");
		}
	}

	private static ProtectedResourceMetadata metadata(String audience) {
		InboundAuthProperties auth = new InboundAuthProperties(true, URI.create(ISSUER), null, audience,
				"CallRecords.Read", 600, Duration.ofMinutes(1), List.of());
		return new ProtectedResourceMetadata(auth, new ProblemResponses(json), json);
	}

	private static MockHttpServletResponse get(ProtectedResourceMetadata metadata, String path) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		MockHttpServletResponse response = new MockHttpServletResponse();
		metadata.doFilter(request, response, new MockFilterChain());
		return response;
	}

}
