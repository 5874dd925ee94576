package dev.aic.commandside.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of an entity's history, oldest first. */
record EventPage(
        List<AuditedEvent> items,
        @Schema(description = "Pass as 'cursor' for the next page; absent on the last page")
                String nextCursor) {}
