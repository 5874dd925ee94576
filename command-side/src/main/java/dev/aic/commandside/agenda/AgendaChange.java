package dev.aic.commandside.agenda;

import dev.aic.commandside.web.Outcome;
import dev.aic.contracts.agenda.AgendaId;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * What every agenda command answers: which agenda, its new version (also the {@code ETag}), the
 * consistency token (also the {@code Consistency-Token} header) and, when the command created
 * something, its id.
 */
record AgendaChange(
        UUID agendaId,
        long version,
        @Schema(description = "send as Consistency-Token to a query to read this change")
                String consistencyToken,
        @Schema(description = "the room, slot, session or solve the command created") UUID id) {

    static ResponseEntity<AgendaChange> response(
            HttpStatus status, AgendaId agendaId, Outcome outcome, UUID id) {
        return outcome.respond(status)
                .body(
                        new AgendaChange(
                                agendaId.value(),
                                outcome.version(),
                                outcome.consistencyToken(),
                                id));
    }
}
