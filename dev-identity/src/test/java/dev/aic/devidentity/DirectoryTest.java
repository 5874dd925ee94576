package dev.aic.devidentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DirectoryTest {

    private static final Person ALICE =
            new Person(
                    "alice", "alice@example.test", "Alice Member", List.of("MEMBER"), null, null);

    private final Directory directory =
            new Directory(
                    new DevIdentityProperties(
                            "s3cret",
                            List.of("aic-platform"),
                            List.of("MEMBER"),
                            List.of(ALICE),
                            new DevIdentityProperties.Swagger("aic-swagger", List.of())));

    @Test
    void aConfiguredPersonIsFoundAsConfigured() {
        assertThat(directory.find("alice")).contains(ALICE);
    }

    @Test
    void anyOtherWellFormedUsernameIsAnOpenDirectoryPersonWithTheDefaultRoles() {
        assertThat(directory.find("load-7"))
                .contains(
                        new Person(
                                "load-7",
                                "load-7@example.test",
                                "load-7",
                                List.of("MEMBER"),
                                List.of(),
                                true));
    }

    @Test
    void aNewbieDashNameIsAFreshPersonWithoutAnyRole() {
        assertThat(directory.find("newbie-3f2a"))
                .contains(
                        new Person(
                                "newbie-3f2a",
                                "newbie-3f2a@example.test",
                                "newbie-3f2a",
                                List.of(),
                                List.of(),
                                true));
    }

    @Test
    void everyonesAddressIsVerifiedButAnUnverifiedDashNameClaimsAnotherAddressWithoutProof() {
        assertThat(directory.find("alice"))
                .hasValueSatisfying(alice -> assertThat(alice.emailVerified()).isTrue());
        assertThat(directory.find("unverified-alice"))
                .contains(
                        new Person(
                                "unverified-alice",
                                "alice@example.test",
                                "unverified-alice",
                                List.of("MEMBER"),
                                List.of(),
                                false));
    }

    @Test
    void malformedUsernamesAreNobody() {
        assertThat(directory.find("Bad Name")).isEmpty();
        assertThat(directory.find("a")).isEmpty();
        assertThat(directory.find("7up")).isEmpty();
        assertThat(directory.find("alice@example.test")).isEmpty();
        assertThat(directory.find("a".repeat(42))).isEmpty();
        assertThat(directory.find(null)).isEmpty();
    }

    @Test
    void aConfiguredPersonWithAMalformedUsernameStopsTheStart() {
        var properties =
                new DevIdentityProperties(
                        "s3cret",
                        List.of(),
                        List.of(),
                        List.of(
                                new Person(
                                        "Alice", "alice@example.test", "Alice", null, null, null)),
                        null);

        assertThatThrownBy(() -> new Directory(properties)).hasMessageContaining("Alice");
    }

    @Test
    void aBlankSecretStopsTheStart() {
        assertThatThrownBy(
                        () -> new DevIdentityProperties(" ", List.of(), List.of(), List.of(), null))
                .hasMessageContaining("secret");
    }
}
