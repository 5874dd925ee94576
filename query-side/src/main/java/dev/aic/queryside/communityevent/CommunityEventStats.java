package dev.aic.queryside.communityevent;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/** Figures of one community event, from its RSVP rows. */
record CommunityEventStats(
        UUID eventId,
        @Schema(
                        description =
                                "members who ever answered: confirmed at once or waitlisted, cancelled since or not")
                int rsvps,
        @Schema(description = "members who were ever on the waiting list") int everWaitlisted,
        int confirmed,
        int waiting,
        int cancelled,
        int checkedIn,
        @Schema(description = "checked in / confirmed, 0 to 1; absent while no one holds a seat")
                Double attendanceRate) {}
