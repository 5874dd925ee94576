package dev.aic.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The community-event calls the RSVP benchmark makes on the command side: an organiser drafts,
 * publishes and finally cancels the events, members RSVP for themselves.
 */
final class EventsApi {

    /**
     * Where an RSVP landed: the HTTP status, the event's version after it, and CONFIRMED or
     * WAITLISTED.
     */
    record Rsvp(int status, long version, String seat) {}

    /**
     * Far enough ahead that every confirmed seat schedules its reminder (24 h before the start by
     * default), as a real RSVP does; the events are cancelled at the end, which drops the
     * reminders.
     */
    private static final Duration STARTS_IN = Duration.ofDays(30);

    private final Http http;
    private final URI events;

    EventsApi(Http http, URI commandSide) {
        this.http = http;
        this.events = URI.create(commandSide + "/api/events");
    }

    /**
     * {@code POST /api/events} then {@code POST /api/events/{id}/publish}: an event members can
     * RSVP to.
     */
    UUID publish(String organizer, String title, int capacity)
            throws IOException, InterruptedException {
        Instant startsAt = Instant.now().plus(STARTS_IN).truncatedTo(ChronoUnit.HOURS);
        JsonNode draft =
                http.object()
                        .put("title", title)
                        .put("startsAt", startsAt.toString())
                        .put("endsAt", startsAt.plus(Duration.ofHours(2)).toString())
                        .put("timeZone", "Europe/Amsterdam")
                        .put("venue", "Benchmark room")
                        .put("capacity", capacity)
                        // members only, so benchmark events stay out of the public listings
                        .put("visibility", "MEMBERS");
        Http.Response drafted = http.post(events, organizer, draft, UUID.randomUUID().toString());
        JsonNode id = drafted.body().path("id");
        if (drafted.status() != 201 || !id.isTextual()) {
            throw new IllegalStateException(
                    "POST /api/events answered " + drafted.status() + ": " + drafted.body());
        }
        UUID event = UUID.fromString(id.asText());
        Http.Response published =
                http.post(URI.create(events + "/" + event + "/publish"), organizer, null, null);
        if (published.status() != 200) {
            throw new IllegalStateException(
                    "POST /api/events/"
                            + event
                            + "/publish answered "
                            + published.status()
                            + ": "
                            + published.body());
        }
        return event;
    }

    /** {@code POST /api/events/{id}/rsvp} as the member whose authorization header this is. */
    Rsvp rsvp(UUID event, String member) throws IOException, InterruptedException {
        Http.Response response =
                http.post(URI.create(events + "/" + event + "/rsvp"), member, null, null);
        return new Rsvp(
                response.status(),
                response.body().path("version").asLong(-1),
                response.body().path("status").asText(null));
    }

    /**
     * {@code POST /api/events/{id}/cancel}: final; drops the reminders of its attendees. Answers
     * the status.
     */
    int cancel(UUID event, String organizer) throws IOException, InterruptedException {
        return http.post(
                        URI.create(events + "/" + event + "/cancel"),
                        organizer,
                        http.object().put("reason", "benchmark finished"),
                        null)
                .status();
    }
}
