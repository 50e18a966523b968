package io.callrecords.proxy.web;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.callrecords.proxy.MovableClock;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Verified caller tokens kept until they expire, on a clock the test moves.
 */
class VerifiedTokensTests {

	private final MovableClock clock = new MovableClock();

	private final Map<String, Instant> expiries = new HashMap<>();

	private final AtomicInteger verifications = new AtomicInteger();

	/** Verifies like the real decoder: refuses unknown and expired tokens. */
	private final JwtDecoder delegate = (token) -> {
		this.verifications.incrementAndGet();
		Instant expires = this.expiries.get(token);
		if (expires == null || !this.clock.instant().isBefore(expires)) {
			throw new BadJwtException("invalid or expired");
		}
		return Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.claim("azp", "app-" + token)
			.issuedAt(this.clock.instant())
			.expiresAt(expires)
			.build();
	};

	private final VerifiedTokens tokens = new VerifiedTokens(this.delegate, this.clock);

	@Test
	void aTokenIsVerifiedOnceAndThenAnsweredFromMemoryUntilItExpires() {
		this.expiries.put("a", this.clock.instant().plus(Duration.ofMinutes(30)));

		Jwt first = this.tokens.decode("a");
		this.clock.advance(Duration.ofMinutes(29));
		Jwt again = this.tokens.decode("a");

		assertThat(again).isSameAs(first);
		assertThat(this.verifications).hasValue(1);
		this.clock.advance(Duration.ofMinutes(1));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.tokens.decode("a"));
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void eachTokenIsVerifiedOnItsOwn() {
		this.expiries.put("a", this.clock.instant().plus(Duration.ofMinutes(30)));
		this.expiries.put("b", this.clock.instant().plus(Duration.ofMinutes(30)));

		assertThat(this.tokens.decode("a").getClaimAsString("azp")).isEqualTo("app-a");
		assertThat(this.tokens.decode("b").getClaimAsString("azp")).isEqualTo("app-b");
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void aRefusedTokenIsNeverKeptSoEveryRefusalIsCurrent() {
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.tokens.decode("forged"));
		}

		assertThat(this.verifications).hasValue(3);
	}

	@Test
	void aLongLivedTokenIsVerifiedAgainAfterAnHourAtMost() {
		this.expiries.put("a", this.clock.instant().plus(Duration.ofHours(24)));
		this.tokens.decode("a");

		this.clock.advance(Duration.ofMinutes(61));
		this.tokens.decode("a");

		assertThat(this.verifications).hasValue(2);
	}

}
