package dev.aic.queryside.communityevent;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aic.contracts.communityevent.RsvpState;
import io.swagger.v3.oas.annotations.media.Schema;

/** A community event in the caller's own calendar, with their place in it. */
record MyCommunityEvent(
        CommunityEventView event,
        @JsonIgnore RsvpState rsvp,
        @Schema(description = "1 for the first on the waiting list; absent with a seat")
                Integer waitingPosition,
        boolean checkedIn) {

    /**
     * The RSVP's state in this endpoint's published word: {@code WAITING} for {@link
     * RsvpState#WAITLISTED}, as it answered before the platform had one word for it; clients read
     * it (docs/api.md, "Community events").
     */
    @JsonProperty("state")
    @Schema(allowableValues = {"CONFIRMED", "WAITING"})
    String state() {
        return switch (rsvp) {
            case CONFIRMED -> "CONFIRMED";
            case WAITLISTED -> "WAITING";
        };
    }
}
