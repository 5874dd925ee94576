package dev.aic.web.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers the tokens the decoder verified, until they expire: a client sends the same access
 * token with every request for its whole life, and checking its RSA signature and parsing its
 * claims again each time cost a measurable share of a request's CPU (docs/benchmarks.md). The key
 * is the whole token, so only the exact string that passed every check (signature, issuer,
 * audience, {@link AccessTokensOnly}) is found here; a token without an expiry, or one that failed,
 * is never remembered. An entry goes at the token's {@code exp}, without the decoder's clock-skew
 * allowance: after that the token is checked again from scratch, which applies it.
 */
final class VerifiedTokens implements JwtDecoder {

    /** About 2 KB per token: at most a few MB, for as many clients at once. */
    static final int MAX_TOKENS = 4_096;

    private final JwtDecoder decoder;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(JwtDecoder decoder, Clock clock, Ticker ticker) {
        this.decoder = decoder;
        this.clock = clock;
        this.verified =
                Caffeine.newBuilder()
                        .maximumSize(MAX_TOKENS)
                        .ticker(ticker)
                        .expireAfter(Expiry.creating((String token, Jwt jwt) -> lifeLeft(jwt)))
                        .build();
    }

    VerifiedTokens(JwtDecoder decoder) {
        this(decoder, Clock.systemUTC(), Ticker.systemTicker());
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            return known;
        }
        Jwt jwt = decoder.decode(token);
        if (!lifeLeft(jwt).isNegative() && !lifeLeft(jwt).isZero()) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    private Duration lifeLeft(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt == null ? Duration.ZERO : Duration.between(clock.instant(), expiresAt);
    }
}
