package dev.aic.commandside.communityevent;

import dev.aic.commandside.web.Outcome;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.communityevent.RsvpState;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * What every community-event command answers: which event, its new version (also the {@code ETag}),
 * the consistency token (also the {@code Consistency-Token} header) and, for an RSVP, where it
 * landed.
 */
record CommunityEventChange(
        UUID id,
        long version,
        @Schema(description = "send as Consistency-Token to a query to read this change")
                String consistencyToken,
        @Schema(description = "only on RSVPs: a seat, or a place on the waiting list")
                RsvpState status) {

    static ResponseEntity<CommunityEventChange> response(
            HttpStatus status, CommunityEventId id, Outcome outcome) {
        return response(status, id, outcome, null);
    }

    static ResponseEntity<CommunityEventChange> response(
            HttpStatus status, CommunityEventId id, Outcome outcome, RsvpState rsvp) {
        return outcome.respond(status)
                .location(URI.create("/api/events/" + id))
                .body(
                        new CommunityEventChange(
                                id.value(), outcome.version(), outcome.consistencyToken(), rsvp));
    }
}
