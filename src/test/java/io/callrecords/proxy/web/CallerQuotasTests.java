package io.callrecords.proxy.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.bucket4j.TimeMeter;
import io.callrecords.proxy.cluster.ClusterProperties;
import io.callrecords.proxy.cluster.RedisLink;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
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
 * The per-caller quota: one noisy app is refused with a 429 problem while others go on.
 */
class CallerQuotasTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final MovableTime time = new MovableTime();

	private final CallerQuotas quotas = new CallerQuotas(
			new InboundAuthProperties(true, null, null, "api://x", "CallRecords.Read", 2, Duration.ofMinutes(1),
					List.of()),
			new ProblemResponses(JsonMapper.builder().build()), this.meters, this.time,
			RedisLink.none(ClusterProperties.defaults(), this.meters));

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void aCallerOverItsQuotaGetsA429ProblemWithRetryAfterAndOthersAreServed() throws Exception {
		assertThat(call("noisy-app").getStatus()).isEqualTo(200);
		assertThat(call("noisy-app").getStatus()).isEqualTo(200);

		MockHttpServletResponse refused = call("noisy-app");

		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(refused.getContentType()).isEqualTo("application/problem+json");
		assertThat(refused.getContentAsString()).contains("\"code\":\"QUOTA_EXCEEDED\"");
		assertThat(refused.getHeader("Retry-After")).isEqualTo("60");
		assertThat(call("quiet-app").getStatus()).isEqualTo(200);
		assertThat(this.meters.get("api.caller.quota").tag("outcome", "rejected").counter().count()).isEqualTo(1);
		assertThat(this.meters.get("api.caller.quota").tag("outcome", "allowed").counter().count()).isEqualTo(3);
		assertThat(this.meters.getMeters()).allSatisfy(
				(meter) -> assertThat(meter.getId().getTags()).noneMatch((tag) -> tag.getValue().contains("app")));
	}

	@Test
	void theQuotaComesBackWithItsPeriodAndRetryAfterSaysExactlyWhen() throws Exception {
		call("noisy-app");
		call("noisy-app");
		this.time.advance(Duration.ofMillis(20_500));

		assertThat(call("noisy-app").getHeader("Retry-After")).isEqualTo("40");
		this.time.advance(Duration.ofMillis(39_500));
		assertThat(call("noisy-app").getStatus()).isEqualTo(200);
	}

	private MockHttpServletResponse call(String caller) throws Exception {
		Jwt jwt = new Jwt("token", Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "RS256"),
				Map.of("azp", caller));
		SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt, List.of(), caller));
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/call-records");
		MockHttpServletResponse response = new MockHttpServletResponse();
		FilterChain chain = new MockFilterChain();
		this.quotas.doFilter(request, response, chain);
		return response;
	}

	/** Bucket4j's time, moved by the test. */
	private static final class MovableTime implements TimeMeter {

		private long nanos;

		void advance(Duration duration) {
			this.nanos += duration.toNanos();
		}

		@Override
		public long currentTimeNanos() {
			return this.nanos;
		}

		@Override
		public boolean isWallClockBased() {
			return false;
		}

	}

}
