package dev.aic.queryside.communityevent;

import io.swagger.v3.oas.annotations.media.Schema;

/** A community event in the caller's own calendar, with their place in it. */
record MyCommunityEvent(
        CommunityEventView event,
        @Schema(allowableValues = {"CONFIRMED", "WAITING"}) String state,
        @Schema(description = "1 for the first on the waiting list; absent with a seat") Integer waitingPosition,
        boolean checkedIn) {
}
