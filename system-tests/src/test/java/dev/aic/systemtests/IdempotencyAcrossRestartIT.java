package dev.aic.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An Idempotency-Key is kept with the command it guards, in the event store's database, so a client
 * that retries after the command-side died (kill -9: no shutdown hook, nothing flushed) gets the
 * first response again instead of a second registration.
 */
class IdempotencyAcrossRestartIT {

    private final Platform platform = Platform.shared();

    @Test
    void aRetryAfterTheCommandSideWasKilledReplaysTheFirstResponseAndRegistersNoOneTwice() {
        String admin = platform.token("adam");
        String key = UUID.randomUUID().toString();
        String email = "restart-" + UUID.randomUUID() + "@example.org";
        String request = "{\"email\":\"" + email + "\",\"displayName\":\"Kill Nine\"}";

        Http.Reply first = register(admin, key, request);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isEmpty();
        String id = first.json().get("id").asText();

        platform.killAndRestartCommandSide();

        Http.Reply retry = register(admin, key, request);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).hasValue("true");
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(retry.header("Consistency-Token")).isEqualTo(first.header("Consistency-Token"));
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(platform.storedEvents(id, "UserEvent$Registered")).isEqualTo(1);

        long before = platform.storedEvents();
        Http.Reply reused =
                register(
                        admin,
                        key,
                        "{\"email\":\"other-"
                                + UUID.randomUUID()
                                + "@example.org\",\"displayName\":\"Someone Else\"}");
        assertThat(reused.status()).as(reused.toString()).isEqualTo(422);
        assertThat(reused.header("Content-Type")).hasValue("application/problem+json");
        assertThat(reused.json().get("type").asText())
                .isEqualTo("urn:aic:problem:idempotency-key-reused");
        assertThat(platform.storedEvents()).isEqualTo(before);
    }

    private Http.Reply register(String token, String key, String json) {
        return Http.to(platform.commandSide().url("/api/users"))
                .bearer(token)
                .header("Idempotency-Key", key)
                .post(json);
    }
}
