package dev.aic.queryside.analytics;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/**
 * A member opened a result: {@code searchId} from the search's {@code Search-Id} header, the
 * document they opened and its place in the results (1 for the first).
 */
record SearchFeedback(
        @NotNull UUID searchId,
        @NotNull UUID documentId,
        @NotNull @Min(1) @Max(MAX_RANK) Integer rank) {

    /** The most results a search or question answers. */
    static final int MAX_RANK = 50;
}
