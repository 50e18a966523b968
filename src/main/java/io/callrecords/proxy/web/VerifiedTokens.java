package io.callrecords.proxy.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Caller tokens already verified, kept until they expire, as gateways such as Envoy keep
 * them: an app sends the same token for up to an hour, and its signature (RSA), issuer,
 * audience and lifetime need checking once, not on every request. A token is decoded and
 * validated in full by the delegate the first time it is seen; afterwards it is answered
 * from memory until its {@code exp} (never beyond {@value #MAX_LIFETIME_MINUTES}
 * minutes). Tokens that fail are never kept, so a refusal is always current. At most
 * {@value #MAX_TOKENS} tokens are kept, the least recently used leaving first.
 */
final class VerifiedTokens implements JwtDecoder {

	static final int MAX_TOKENS = 1_000;

	static final long MAX_LIFETIME_MINUTES = 60;

	private final JwtDecoder delegate;

	private final Clock clock;

	private final Cache<String, Jwt> verified;

	VerifiedTokens(JwtDecoder delegate, Clock clock) {
		this.delegate = delegate;
		this.clock = clock;
		this.verified = Caffeine.newBuilder().maximumSize(MAX_TOKENS).ticker(() -> {
			Instant now = clock.instant();
			return now.getEpochSecond() * 1_000_000_000L + now.getNano();
		}).expireAfter(new Expiry<String, Jwt>() {

			@Override
			public long expireAfterCreate(String token, Jwt jwt, long currentTime) {
				return lifetime(jwt).toNanos();
			}

			@Override
			public long expireAfterUpdate(String token, Jwt jwt, long currentTime, long currentDuration) {
				return lifetime(jwt).toNanos();
			}

			@Override
			public long expireAfterRead(String token, Jwt jwt, long currentTime, long currentDuration) {
				return currentDuration;
			}

		}).build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt known = this.verified.getIfPresent(token);
		if (known != null && (known.getExpiresAt() == null || this.clock.instant().isBefore(known.getExpiresAt()))) {
			return known;
		}
		Jwt jwt = this.delegate.decode(token);
		if (!lifetime(jwt).isZero()) {
			this.verified.put(token, jwt);
		}
		return jwt;
	}

	/** How long a verified token may be answered from memory: until it expires. */
	private Duration lifetime(Jwt jwt) {
		Instant expires = jwt.getExpiresAt();
		if (expires == null) {
			return Duration.ZERO;
		}
		Duration left = Duration.between(this.clock.instant(), expires);
		Duration max = Duration.ofMinutes(MAX_LIFETIME_MINUTES);
		return left.isNegative() ? Duration.ZERO : (left.compareTo(max) > 0 ? max : left);
	}

}
