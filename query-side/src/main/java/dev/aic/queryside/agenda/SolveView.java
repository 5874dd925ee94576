package dev.aic.queryside.agenda;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * A solve: {@code SOLVING} with its best score so far, then {@code PROPOSED} with the proposal
 * (placements, soft goals missed with their explanation, hard rules still broken), and finally
 * {@code ACCEPTED} or {@code DISCARDED}.
 */
record SolveView(
        UUID solveId,
        String status,
        int timeBudgetSeconds,
        Long hardScore,
        Long softScore,
        Long elapsedMillis,
        @Schema(description = "placements, brokenGoals, conflicts") JsonNode proposal,
        Instant requestedAt,
        Instant updatedAt) {

    boolean settled() {
        return !"SOLVING".equals(status);
    }
}
