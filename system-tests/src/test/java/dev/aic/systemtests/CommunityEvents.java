package dev.aic.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Community events the fault tests need, drafted and published by an organiser over the API. */
final class CommunityEvents {

    private CommunityEvents() {}

    /** A public community event two weeks ahead, published; its id. */
    static String published(Platform platform, String organiser, String title, int capacity) {
        return published(platform, organiser, title, capacity, List.of());
    }

    /** The same, with tags. */
    static String published(
            Platform platform, String organiser, String title, int capacity, List<String> tags) {
        Instant startsAt = Instant.now().plus(Duration.ofDays(14)).truncatedTo(ChronoUnit.MINUTES);
        String draft =
                Http.JSON
                        .createObjectNode()
                        .put("title", title)
                        .put("startsAt", startsAt.toString())
                        .put("endsAt", startsAt.plus(Duration.ofHours(2)).toString())
                        .put("timeZone", "Europe/Amsterdam")
                        .put("venue", "Hall 1")
                        .put("capacity", capacity)
                        .put("visibility", "PUBLIC")
                        .set("tags", Http.JSON.valueToTree(tags))
                        .toString();
        Http.Reply drafted =
                Http.to(platform.commandSide().url("/api/events")).bearer(organiser).post(draft);
        assertThat(drafted.status()).as(drafted.toString()).isEqualTo(201);
        String event = drafted.json().get("id").asText();
        Http.Reply published =
                Http.to(platform.commandSide().url("/api/events/" + event + "/publish"))
                        .bearer(organiser)
                        .sendJson("POST", null);
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        return event;
    }
}
