package dev.aic.queryside.analytics;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What one search or question found, as the knowledge hub reports it to analytics.
 *
 * @param documentIds the documents answered or cited, best first (the fact keeps the first ten)
 * @param embeddingModel the model the query was embedded with; null when it was not (full text,
 *     degraded)
 * @param chatModel the model that wrote an answer's prose; null for search and for extractive
 *     answers
 * @param degraded true when the query could not be embedded and words alone ranked the documents
 */
public record Searched(
        Kind kind,
        String query,
        String mode,
        Filters filters,
        int resultCount,
        List<UUID> documentIds,
        long latencyMs,
        String embeddingModel,
        String chatModel,
        boolean degraded) {

    public Searched {
        documentIds = List.copyOf(documentIds);
    }

    /** {@code GET /api/search} or {@code POST /api/ask}. */
    public enum Kind {
        SEARCH,
        ASK
    }

    /** The filters the caller narrowed the search with; null: not narrowed that way. */
    public record Filters(
            List<String> tags, UUID author, Instant from, Instant to, UUID communityEventId) {

        public Filters {
            tags = tags == null ? List.of() : List.copyOf(tags);
        }
    }
}
