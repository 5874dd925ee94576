package dev.aic.queryside.communityevent;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/**
 * Who holds a seat (in the order they got it) and who waits for one (in the order they will get
 * it).
 */
record Attendees(UUID eventId, List<Attendee> confirmed, List<Attendee> waiting) {

    record Attendee(
            UUID userId,
            @Schema(description = "absent when the member is not (yet) in the user read model")
                    String displayName,
            boolean checkedIn) {}
}
