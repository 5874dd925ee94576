package dev.aic.queryside.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One document of the {@code search-facts} index: a search, a question ({@code type} search or ask)
 * or a click on one of their results (click, with {@code documentId} and {@code rank}). Members
 * appear only as pseudonyms, and so does a filter's author, who is a member too.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SearchFact(
        String searchId,
        String type,
        @JsonProperty("@timestamp") Instant timestamp,
        String member,
        String query,
        String mode,
        Filters filters,
        Integer resultCount,
        List<String> documentIds,
        Long latencyMs,
        String embeddingModel,
        String chatModel,
        Boolean degraded,
        String documentId,
        Integer rank) {

    static final int TOP_DOCUMENTS = 10;
    static final String CLICK = "click";

    /** The filters as indexed: the author pseudonymised. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Filters(
            List<String> tags, String author, Instant from, Instant to, String communityEventId) {}

    static SearchFact searched(
            UUID searchId, Instant at, String member, Searched searched, Pseudonyms pseudonyms) {
        Searched.Filters filters = searched.filters();
        return new SearchFact(
                searchId.toString(),
                searched.kind().name().toLowerCase(Locale.ROOT),
                at,
                member,
                searched.query(),
                searched.mode(),
                new Filters(
                        filters.tags(),
                        pseudonyms.of(filters.author()),
                        filters.from(),
                        filters.to(),
                        filters.communityEventId() == null
                                ? null
                                : filters.communityEventId().toString()),
                searched.resultCount(),
                searched.documentIds().stream()
                        .distinct()
                        .limit(TOP_DOCUMENTS)
                        .map(UUID::toString)
                        .toList(),
                searched.latencyMs(),
                searched.embeddingModel(),
                searched.chatModel(),
                searched.degraded(),
                null,
                null);
    }

    static SearchFact clicked(UUID searchId, Instant at, String member, UUID documentId, int rank) {
        return new SearchFact(
                searchId.toString(),
                CLICK,
                at,
                member,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                documentId.toString(),
                rank);
    }
}
