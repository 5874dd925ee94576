package dev.aic.queryside.communityevent;

import dev.aic.contracts.communityevent.Visibility;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A community event as the read model holds it, with its seat counts. */
record CommunityEventView(
        UUID id,
        String title,
        String description,
        String venue,
        String onlineLink,
        List<String> tags,
        Visibility visibility,
        Instant startsAt,
        Instant endsAt,
        @Schema(description = "IANA time zone the event is held in, e.g. Europe/Berlin")
                String timeZone,
        int capacity,
        @Schema(allowableValues = {"DRAFT", "PUBLISHED", "CANCELLED"}) String status,
        List<UUID> organizers,
        @Schema(description = "members holding a seat") int confirmed,
        @Schema(description = "members on the waiting list") int waiting,
        int checkedIn,
        int seatsLeft,
        @Schema(description = "the event's version: its calendar entry's SEQUENCE, the ETag")
                long version) {

    boolean cancelled() {
        return "CANCELLED".equals(status);
    }

    boolean draft() {
        return "DRAFT".equals(status);
    }
}
