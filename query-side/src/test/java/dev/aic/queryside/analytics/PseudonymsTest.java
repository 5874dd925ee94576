package dev.aic.queryside.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aic.web.security.Caller;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PseudonymsTest {

    private static final byte[] KEY =
            "a key of thirty-two bytes or more".getBytes(StandardCharsets.UTF_8);
    private static final UUID MEMBER = UUID.fromString("0b8d4b0e-6a3c-4c41-9b1e-3f0f0d1b2c3d");

    @Test
    void isHmacSha256InHex() {
        // RFC 4231, test case 2
        assertThat(
                        new Pseudonyms("Jefe".getBytes(StandardCharsets.UTF_8))
                                .of("what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void theSameMemberAlwaysGetsTheSamePseudonymAndItDoesNotContainTheId() {
        Pseudonyms pseudonyms = new Pseudonyms(KEY);

        assertThat(pseudonyms.of(MEMBER))
                .isEqualTo(pseudonyms.of(MEMBER))
                .hasSize(64)
                .doesNotContain(MEMBER.toString())
                .doesNotContain(MEMBER.toString().replace("-", ""));
        assertThat(pseudonyms.of(MEMBER)).isNotEqualTo(pseudonyms.of(UUID.randomUUID()));
    }

    @Test
    void aMembersAnalyticsDocumentIdIsStableAndCannotBeFoundFromTheirPseudonym() {
        Pseudonyms pseudonyms = new Pseudonyms(KEY);
        String pseudonym = pseudonyms.of(MEMBER);
        String documentId = pseudonyms.documentOf(MEMBER).toString().replace("-", "");

        assertThat(pseudonyms.documentOf(MEMBER))
                .isEqualTo(pseudonyms.documentOf(MEMBER))
                .isNotEqualTo(MEMBER)
                .isNotEqualTo(pseudonyms.documentOf(UUID.randomUUID()));
        assertThat(pseudonym).doesNotContain(documentId);
        assertThat(documentId).isNotEqualTo(pseudonym.substring(0, 32));
    }

    @Test
    void anotherKeyGivesAnotherPseudonym() {
        byte[] other = "another key of thirty-two bytes!".getBytes(StandardCharsets.UTF_8);

        assertThat(new Pseudonyms(other).of(MEMBER)).isNotEqualTo(new Pseudonyms(KEY).of(MEMBER));
    }

    @Test
    void aCallerIsTheirUserOrElseTheirIdentity() {
        Pseudonyms pseudonyms = new Pseudonyms(KEY);
        Caller registered =
                new Caller(
                        "https://issuer",
                        "subject-1",
                        "ann@example.org",
                        "Ann",
                        Optional.of(MEMBER),
                        Set.of(),
                        false);
        Caller unregistered =
                new Caller(
                        "https://issuer",
                        "subject-1",
                        "ann@example.org",
                        "Ann",
                        Optional.empty(),
                        Set.of(),
                        false);

        assertThat(pseudonyms.of(registered)).isEqualTo(pseudonyms.of(MEMBER));
        assertThat(pseudonyms.of(unregistered))
                .isEqualTo(pseudonyms.of("https://issuer#subject-1"))
                .doesNotContain("subject-1");
    }

    @Test
    void theDevelopmentKeyIsRefusedUnlessAllowed() {
        assertThatThrownBy(() -> properties(null, false))
                .hasMessageContaining("AIC_ANALYTICS_PSEUDONYM_KEY is not set");
        assertThat(properties(null, true).pseudonymKey())
                .isEqualTo(AnalyticsProperties.DEVELOPMENT_KEY);
        String ownKey = Base64.getEncoder().encodeToString(KEY);
        assertThat(properties(ownKey, false).pseudonymKeyBytes()).isEqualTo(KEY);
        assertThat(properties(ownKey, false).toString()).doesNotContain(ownKey);
    }

    @Test
    void aShortKeyIsRefused() {
        String shortKey =
                Base64.getEncoder().encodeToString("too short".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> properties(shortKey, false))
                .hasMessageContaining("at least 32 bytes");
    }

    private static AnalyticsProperties properties(String key, boolean developmentKeyAllowed) {
        return new AnalyticsProperties(
                key,
                developmentKeyAllowed,
                Duration.ofDays(90),
                Duration.ofHours(1),
                10_000,
                500,
                Duration.ofMillis(250));
    }
}
