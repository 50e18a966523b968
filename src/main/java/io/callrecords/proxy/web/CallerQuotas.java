package io.callrecords.proxy.web;

import java.io.IOException;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.callrecords.proxy.cluster.RedisLink;
import io.callrecords.proxy.cluster.RedisUnavailableException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
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
 * never by caller. In cluster mode the quota is the cluster's, kept in Redis; in local
 * mode each replica counts its share of it ({@code PROXY_CLUSTER_REPLICAS}).
 */
class CallerQuotas extends OncePerRequestFilter {

	private final ProblemResponses problems;

	private final int quota;

	private final Duration period;

	private final TimeMeter time;

	private final Cache<String, Bucket> callers;

	private final Counter allowed;

	private final Counter rejected;

	private final RedisLink link;

	private final BucketConfiguration shared;

	CallerQuotas(InboundAuthProperties auth, ProblemResponses problems, MeterRegistry meters, RedisLink link) {
		this(auth, problems, meters, TimeMeter.SYSTEM_MILLISECONDS, link);
	}

	CallerQuotas(InboundAuthProperties auth, ProblemResponses problems, MeterRegistry meters, TimeMeter time,
			RedisLink link) {
		this.problems = problems;
		this.link = link;
		this.shared = BucketConfiguration.builder()
			.addLimit((limit) -> limit.capacity(auth.callerQuota())
				.refillIntervally(auth.callerQuota(), auth.callerQuotaPeriod()))
			.build();
		this.quota = link.properties().localShare(auth.callerQuota());
		this.period = auth.callerQuotaPeriod();
		this.time = time;
		this.callers = Caffeine.newBuilder().maximumSize(10_000).expireAfterAccess(this.period.multipliedBy(2)).build();
		this.allowed = quotaCounter(meters, "allowed");
		this.rejected = quotaCounter(meters, "rejected");
	}

	private static Counter quotaCounter(MeterRegistry meters, String outcome) {
		return Counter.builder("api.caller.quota")
			.description("Authenticated API requests checked against their caller's quota, by outcome")
			.tag("outcome", outcome)
			.register(meters);
	}

	private Bucket bucket() {
		return Bucket.builder()
			.addLimit((limit) -> limit.capacity(this.quota).refillIntervally(this.quota, this.period))
			.withCustomTimePrecision(this.time)
			.build();
	}

	/**
	 * Takes one request from the caller's quota: the cluster's in Redis in cluster mode,
	 * else this replica's share of it.
	 */
	private ConsumptionProbe consume(String caller) {
		Bucket local = this.callers.get(caller, (id) -> bucket());
		if (this.link.up()) {
			// one update of a caller's bucket in Redis at a time from this replica:
			// Bucket4j updates it by compare-and-swap, which concurrent updates retry
			synchronized (local) {
				try {
					return this.link.sync("quota",
							(proxies) -> proxies.builder()
								.build(this.link.key("quota", caller), () -> this.shared)
								.tryConsumeAndReturnRemaining(1));
				}
				catch (RedisUnavailableException ex) {
					// local mode from now on
				}
			}
		}
		return local.tryConsumeAndReturnRemaining(1);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken token) {
			String caller = token.getName();
			ApiCall call = ApiCall.of(request);
			if (call != null) {
				call.caller(caller);
			}
			ConsumptionProbe probe = consume(caller);
			if (!probe.isConsumed()) {
				this.rejected.increment();
				response.setHeader("Retry-After",
						Problems.retryAfter(Duration.ofNanos(probe.getNanosToWaitForRefill())));
				this.problems.write(request, response, ProblemCode.QUOTA_EXCEEDED,
						"This app used up its quota of requests; retry after the Retry-After delay.");
				return;
			}
			this.allowed.increment();
		}
		chain.doFilter(request, response);
	}

}
