package io.callrecords.proxy.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.callrecords.proxy.cluster.RealRedisTestSupport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caller quota in cluster mode: one quota for the whole service, whichever replica
 * the requests reach, and each replica's share of it when Redis stops. The quota refills
 * over an hour, so no request comes back while a test runs.
 */
class ClusterCallerQuotasTests extends RealRedisTestSupport {

	private static final InboundAuthProperties QUOTA_OF_4 = new InboundAuthProperties(true, null, null, "api://x",
			"CallRecords.Read", 4, Duration.ofHours(1), List.of());

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void anAppHasOneQuotaForAllReplicasAndItsShareWhileRedisIsDown() throws Exception {
		CallerQuotas one = quotas();
		CallerQuotas two = quotas();

		assertThat(call(one, "noisy-app")).isEqualTo(200);
		assertThat(call(two, "noisy-app")).isEqualTo(200);
		assertThat(call(one, "noisy-app")).isEqualTo(200);
		// more than a replica's share (4 / 2 replicas), never more than the quota
		assertThat(call(two, "noisy-app")).isEqualTo(200);
		assertThat(call(one, "noisy-app")).isEqualTo(429);
		assertThat(call(two, "noisy-app")).isEqualTo(429);
		assertThat(call(two, "quiet-app")).isEqualTo(200);

		redis.stop();
		// no request fails for Redis: the replica's own share of the quota from now on
		assertThat(call(one, "other-app")).isEqualTo(200);
		assertThat(call(one, "other-app")).isEqualTo(200);
		assertThat(call(one, "other-app")).isEqualTo(429);
	}

	private CallerQuotas quotas() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		return new CallerQuotas(QUOTA_OF_4, new ProblemResponses(JsonMapper.builder().build()), meters,
				TimeMeter.SYSTEM_MILLISECONDS, this.links.link(2, meters));
	}

	private static int call(CallerQuotas quotas, String caller) throws Exception {
		Jwt jwt = new Jwt("token", Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "RS256"),
				Map.of("azp", caller));
		SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt, List.of(), caller));
		MockHttpServletResponse response = new MockHttpServletResponse();
		quotas.doFilter(new MockHttpServletRequest("GET", "/api/v1/call-records"), response, new MockFilterChain());
		return response.getStatus();
	}

}
