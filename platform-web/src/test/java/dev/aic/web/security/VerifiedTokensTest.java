package dev.aic.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokensTest {

    private static final Instant START = Instant.parse("2026-12-07T12:00:00Z");

    private final AtomicLong nanos = new AtomicLong();
    private final List<String> checked = new ArrayList<>();

    @Test
    void aTokenIsCheckedOnceWhileItIsValid() {
        JwtDecoder decoder = cached(token -> jwt(token, START.plusSeconds(300)));

        Jwt first = decoder.decode("token-a");
        later(Duration.ofSeconds(299));
        Jwt again = decoder.decode("token-a");

        assertThat(again).isSameAs(first);
        assertThat(checked).containsExactly("token-a");
    }

    @Test
    void anExpiredTokenIsCheckedAgainFromScratch() {
        JwtDecoder decoder = cached(token -> jwt(token, START.plusSeconds(300)));

        decoder.decode("token-a");
        later(Duration.ofSeconds(301));
        decoder.decode("token-a");

        assertThat(checked).containsExactly("token-a", "token-a");
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        JwtDecoder decoder =
                cached(
                        token -> {
                            throw new BadJwtException("bad signature");
                        });

        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);

        assertThat(checked).containsExactly("forged", "forged");
    }

    @Test
    void aTokenWithoutExpiryIsCheckedEveryTime() {
        JwtDecoder decoder = cached(token -> jwt(token, null));

        decoder.decode("token-a");
        decoder.decode("token-a");

        assertThat(checked).containsExactly("token-a", "token-a");
    }

    @Test
    void anotherTokenOfTheSameCallerIsCheckedOnItsOwn() {
        JwtDecoder decoder = cached(token -> jwt(token, START.plusSeconds(300)));

        decoder.decode("token-a");
        decoder.decode("token-b");

        assertThat(checked).containsExactly("token-a", "token-b");
    }

    private JwtDecoder cached(JwtDecoder verifier) {
        JwtDecoder counting =
                token -> {
                    checked.add(token);
                    return verifier.decode(token);
                };
        Clock clock =
                new Clock() {
                    @Override
                    public Instant instant() {
                        return START.plusNanos(nanos.get());
                    }

                    @Override
                    public java.time.ZoneId getZone() {
                        return ZoneOffset.UTC;
                    }

                    @Override
                    public Clock withZone(java.time.ZoneId zone) {
                        return this;
                    }
                };
        return new VerifiedTokens(counting, clock, nanos::get);
    }

    private void later(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    private static Jwt jwt(String token, Instant expiresAt) {
        Jwt.Builder jwt =
                Jwt.withTokenValue(token).header("alg", "RS256").subject("someone").issuedAt(START);
        return expiresAt == null ? jwt.build() : jwt.expiresAt(expiresAt).build();
    }
}
