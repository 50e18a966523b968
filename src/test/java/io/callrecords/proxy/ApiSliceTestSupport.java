package io.callrecords.proxy;

import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.util.UUID;

import io.callrecords.proxy.callrecords.ForgetRecordFailures;
import io.callrecords.proxy.graph.FakeGraph;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.context.TestExecutionListeners.MergeMode;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the web slice tests: the API's controller with the real call-records beans
 * (reads, lists, cursors, mapper, cache) and the real web layer (problems, request ids,
 * audit log, security, caller quotas), in front of a {@link FakeGraph} instead of the
 * Graph client. Every subclass shares one Spring context, so keep the slice's
 * configuration here and nowhere else.
 * <p>
 * Callers authenticate with Spring Security Test's {@code jwt()}: the token is accepted
 * as decoded, so no issuer is needed; what the service makes of real tokens (signature,
 * expiry, audience, roles and scopes) is tested in {@code SecurityIntegrationTests}.
 */
// the components of callrecords, quality and web, and GraphProperties (the mapper's home
// tenant)
@WebMvcTest(includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = { "io\\.callrecords\\.proxy\\.(callrecords|cluster|quality|web)\\.[^.]+",
				"io\\.callrecords\\.proxy\\.graph\\.GraphProperties" }))
// @WebMvcTest adds security only with Spring Boot's spring-boot-security-test module,
// which the build does not use, and no actuator endpoint: the health endpoint is here
// for the security rule that leaves it open
@ImportAutoConfiguration({ SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
		SecurityFilterAutoConfiguration.class, EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
		HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
		HealthEndpointAutoConfiguration.class, ManagementContextAutoConfiguration.class })
@Import({ FakeGraph.class, SimpleMeterRegistry.class })
// the tenant of the Graph fixtures; the cache is off so that every read reaches the
// fake (CallRecordCacheTests and CacheIntegrationTests cover it); the key set is never
// fetched: callers' tokens come from jwt(), and a malformed token fails before its
// signature is looked at
@TestPropertySource(properties = { "AZURE_TENANT_ID=dc368399-474c-4d40-900c-6265431fd81f",
		"AZURE_CLIENT_ID=slice-tests", "AZURE_CLIENT_SECRET=never-used", "PROXY_CACHE_ENABLED=false",
		"PROXY_CURSOR_KEY=" + ApiSliceTestSupport.CURSOR_KEY, "PROXY_AUTH_JWK_SET_URI=http://127.0.0.1:9/keys",
		"PROXY_AUTH_AUDIENCE=api://callrecords-proxy-tests", "PROXY_CALLER_QUOTA=" + ApiSliceTestSupport.CALLER_QUOTA,
		"PROXY_CALLER_QUOTA_PERIOD=1h" })
// each test meets the fake's failures itself, not an earlier test's remembered ones
@TestExecutionListeners(listeners = ForgetRecordFailures.class, mergeMode = MergeMode.MERGE_WITH_DEFAULTS)
public abstract class ApiSliceTestSupport {

	/** The cursor key of the slice, so that tests can seal cursors of their own. */
	protected static final String CURSOR_KEY = "slice-tests-cursor-key-0123456789abcdef";

	/**
	 * Requests one caller may make: small, so that a test can use it up;
	 * {@link #caller()} is a new app each time, so other tests never meet it.
	 */
	protected static final int CALLER_QUOTA = 3;

	/** The role callers need, as the service's converter turns it into an authority. */
	protected static final String REQUIRED_AUTHORITY = "CALLER_CallRecords.Read";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	protected MockMvcTester mvc;

	@Autowired
	protected FakeGraph graph;

	@BeforeEach
	void resetGraph() {
		this.graph.reset();
	}

	/**
	 * GETs a path as a caller with the required role.
	 * @param pathAndQuery the path and query, encoded
	 * @return the result
	 */
	protected MvcTestResult get(String pathAndQuery) {
		return this.mvc.get().uri(URI.create(pathAndQuery)).with(caller()).exchange();
	}

	/**
	 * Checks that the API answers a request on the request's own thread, as the service
	 * runs it: no async handling started, hence no second dispatch of the request through
	 * the servlet, the filters and the handler lookup.
	 * @param pathAndQuery the path and query, encoded, of a request answered 200
	 */
	protected void assertAnsweredWithoutAsyncDispatch(String pathAndQuery) {
		MvcTestResult result = this.mvc.perform(MockMvcRequestBuilders.get(URI.create(pathAndQuery)).with(caller()));
		assertThat(result.getMvcResult().getRequest().isAsyncStarted()).as("async handling started").isFalse();
		assertThat(result).hasStatusOk();
	}

	/**
	 * Checks that a result is a problem of the API and reads it.
	 * @param result the result
	 * @param status the problem's status
	 * @param code the problem's code
	 * @return the problem
	 */
	protected static JsonNode problem(MvcTestResult result, HttpStatus status, String code) {
		assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		JsonNode problem = json(result);
		assertThat(problem.path("code").asString()).isEqualTo(code);
		assertThat(problem.path("status").asInt()).isEqualTo(status.value());
		assertThat(problem.path("clientRequestId").asString()).isNotBlank()
			.isEqualTo(result.getResponse().getHeader("client-request-id"));
		return problem;
	}

	/**
	 * Reads a result's body.
	 * @param result the result
	 * @return the body as JSON
	 */
	protected static JsonNode json(MvcTestResult result) {
		try {
			return JSON.readTree(result.getResponse().getContentAsString());
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A caller app of its own with the required role.
	 * @return the caller's token
	 */
	protected static JwtRequestPostProcessor caller() {
		return caller("slice-app-" + UUID.randomUUID()).authorities(new SimpleGrantedAuthority(REQUIRED_AUTHORITY));
	}

	/**
	 * A caller app, without authorities until given some.
	 * @param app the app's id, its token's subject
	 * @return the caller's token
	 */
	protected static JwtRequestPostProcessor caller(String app) {
		return SecurityMockMvcRequestPostProcessors.jwt().jwt((jwt) -> jwt.subject(app).claim("azp", app));
	}

}
