package dev.aic.commandside.user;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/**
 * What every user command answers: whom it changed, the new version (also the {@code ETag}) and the
 * consistency token (also the {@code Consistency-Token} header) to read the change back with.
 */
record UserChange(UUID id, long version,
                  @Schema(description = "send as Consistency-Token to a query to read this change") String consistencyToken) {
}
