package dev.aic.queryside.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * One thing a member did about a community event, in {@code analytics-rsvps}: confirmed a seat
 * ({@code confirmed}), joined the waiting list ({@code waitlisted}), was promoted from it ({@code
 * promoted}), gave up a seat or a place on the list ({@code cancelled}, {@code gaveUp} saying
 * which) or checked in ({@code checked-in}). The document id is derived from the event that
 * recorded it, so a replay writes the same document again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RsvpFact(
        UUID id,
        @JsonProperty("@timestamp") Instant timestamp,
        String type,
        UUID communityEventId,
        String member,
        String gaveUp) {

    static final String CONFIRMED = "confirmed";
    static final String WAITLISTED = "waitlisted";
    static final String PROMOTED = "promoted";
    static final String CANCELLED = "cancelled";
    static final String CHECKED_IN = "checked-in";

    static RsvpFact of(
            UUID communityEventId,
            long seq,
            Instant at,
            String type,
            String member,
            String gaveUp) {
        UUID id =
                UUID.nameUUIDFromBytes(
                        (communityEventId + "/" + seq).getBytes(StandardCharsets.UTF_8));
        return new RsvpFact(id, at, type, communityEventId, member, gaveUp);
    }
}
