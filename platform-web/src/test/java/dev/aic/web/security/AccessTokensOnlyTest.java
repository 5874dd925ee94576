package dev.aic.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class AccessTokensOnlyTest {

    private final AccessTokensOnly validator = new AccessTokensOnly();

    @Test
    void anAccessTokenPasses() {
        assertThat(validator.validate(token("JWT", Map.of("scp", "api"))).hasErrors()).isFalse();
        assertThat(validator.validate(token("at+jwt", Map.of())).hasErrors()).isFalse();
    }

    @Test
    void anIdTokenIsRefusedWhateverItsAudience() {
        assertThat(validator.validate(token("JWT", Map.of("nonce", "n-0S6_WzA2Mj"))).hasErrors())
                .isTrue();
        assertThat(
                        validator
                                .validate(token("JWT", Map.of("at_hash", "77QmUPtjPfzWtF2AnpK9RQ")))
                                .hasErrors())
                .isTrue();
        assertThat(validator.validate(token("id_token+jwt", Map.of())).hasErrors()).isTrue();
    }

    private static Jwt token(String type, Map<String, Object> claims) {
        return Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .header("typ", type)
                .subject("someone")
                .claims(c -> c.putAll(claims))
                .issuedAt(Instant.EPOCH)
                .expiresAt(Instant.EPOCH.plusSeconds(60))
                .build();
    }
}
