package dev.aic.commandside.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * An entity as it was after one of its events, rebuilt by replaying its history with today's code.
 */
record EntityState(
        String aggregateId,
        String aggregateType,
        @Schema(description = "The last event applied") long sequenceNumber,
        @Schema(description = "When that event was stored") Instant timestamp,
        @Schema(description = "Every field of the aggregate, as Jackson writes it")
                JsonNode state) {}
