package dev.aic.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class VerifiedEmailTest {

    @Test
    void anAddressTheProviderVerifiedIsTheCallersInLowerCase() {
        assertThat(
                        VerifiedEmail.of(
                                token(
                                        Map.of(
                                                "email",
                                                " Alice@Example.test",
                                                "email_verified",
                                                true))))
                .contains("alice@example.test");
        assertThat(
                        VerifiedEmail.of(
                                token(
                                        Map.of(
                                                "email",
                                                "alice@example.test",
                                                "email_verified",
                                                "true"))))
                .contains("alice@example.test");
    }

    @Test
    void anEntraAddressInADomainTheTenantVerifiedCounts() {
        assertThat(VerifiedEmail.of(token(Map.of("email", "alice@contoso.com", "xms_edov", true))))
                .contains("alice@contoso.com");
    }

    @Test
    void anAddressWithoutProofIsNobodys() {
        assertThat(VerifiedEmail.of(token(Map.of("email", "alice@example.test")))).isEmpty();
        assertThat(
                        VerifiedEmail.of(
                                token(
                                        Map.of(
                                                "email",
                                                "alice@example.test",
                                                "email_verified",
                                                false))))
                .isEmpty();
        assertThat(
                        VerifiedEmail.of(
                                token(Map.of("email", "alice@example.test", "xms_edov", "false"))))
                .isEmpty();
        assertThat(VerifiedEmail.of(token(Map.of("email_verified", true)))).isEmpty();
    }

    private static Jwt token(Map<String, Object> claims) {
        return Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject("someone")
                .claims(c -> c.putAll(claims))
                .issuedAt(Instant.EPOCH)
                .expiresAt(Instant.EPOCH.plusSeconds(60))
                .build();
    }
}
