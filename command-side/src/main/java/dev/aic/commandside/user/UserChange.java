package dev.aic.commandside.user;

import dev.aic.commandside.web.Outcome;
import dev.aic.contracts.user.UserId;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * What every user command answers: whom it changed, the new version (also the {@code ETag}) and the
 * consistency token (also the {@code Consistency-Token} header) to read the change back with.
 */
record UserChange(
        UUID id,
        long version,
        @Schema(description = "send as Consistency-Token to a query to read this change")
                String consistencyToken) {

    /**
     * The response to a command on user {@code id}: this body, the ETag, the consistency token and
     * where to read it.
     */
    static ResponseEntity<UserChange> response(HttpStatus status, UserId id, Outcome outcome) {
        return outcome.respond(status)
                .location(URI.create("/api/users/" + id))
                .body(new UserChange(id.value(), outcome.version(), outcome.consistencyToken()));
    }
}
