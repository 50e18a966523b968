package io.callrecords.proxy.web;

import java.io.IOException;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request quota per calling app (the token's {@code azp}/{@code appid}), so that one
 * noisy app cannot spend the whole Graph budget: over quota is a 429 problem with
 * {@code Retry-After}. Records the caller for the audit log. Metrics count by outcome,
 * never by caller.
 */
class CallerQuotas extends OncePerRequestFilter {

	static final String CALLER = CallerQuotas.class.getName() + ".caller";

	private final ProblemResponses problems;

	private final RateLimiterConfig quota;

	private final Cache<String, RateLimiter> callers;

	private final Counter allowed;

	private final Counter rejected;

	CallerQuotas(InboundAuthProperties auth, ProblemResponses problems, MeterRegistry meters) {
		this.problems = problems;
		this.quota = RateLimiterConfig.custom()
			.limitForPeriod(auth.callerQuota())
			.limitRefreshPeriod(auth.callerQuotaPeriod())
			.timeoutDuration(Duration.ZERO)
			.build();
		this.callers = Caffeine.newBuilder()
			.maximumSize(10_000)
			.expireAfterAccess(auth.callerQuotaPeriod().multipliedBy(2))
			.build();
		this.allowed = quotaCounter(meters, "allowed");
		this.rejected = quotaCounter(meters, "rejected");
	}

	private static Counter quotaCounter(MeterRegistry meters, String outcome) {
		return Counter.builder("api.caller.quota")
			.description("Authenticated API requests checked against their caller's quota, by outcome")
			.tag("outcome", outcome)
			.register(meters);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken token) {
			String caller = token.getName();
			request.setAttribute(CALLER, caller);
			RateLimiter limiter = this.callers.get(caller, (id) -> RateLimiter.of("caller", this.quota));
			if (!limiter.acquirePermission()) {
				this.rejected.increment();
				long nanos = (limiter instanceof AtomicRateLimiter atomic)
						? atomic.getDetailedMetrics().getNanosToWait() : 0;
				long seconds = Math.max(1, Duration.ofNanos(Math.max(nanos, 0)).toSeconds() + 1);
				response.setHeader("Retry-After", Long.toString(seconds));
				this.problems.write(request, response, ProblemCode.QUOTA_EXCEEDED,
						"This app used up its quota of requests; retry after the Retry-After delay.");
				return;
			}
			this.allowed.increment();
		}
		chain.doFilter(request, response);
	}

}
