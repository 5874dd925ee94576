package dev.aic.queryside.communityevent;

import static dev.aic.queryside.search.Mappings.BOOLEAN;
import static dev.aic.queryside.search.Mappings.DATE;
import static dev.aic.queryside.search.Mappings.INTEGER;
import static dev.aic.queryside.search.Mappings.KEYWORD;
import static dev.aic.queryside.search.Queries.allOf;
import static dev.aic.queryside.search.Queries.anyOf;
import static dev.aic.queryside.search.Queries.greaterThan;
import static dev.aic.queryside.search.Queries.range;
import static dev.aic.queryside.search.Queries.term;

import dev.aic.queryside.search.BatchedDocuments;
import dev.aic.queryside.search.OpenSearchProperties;
import dev.aic.queryside.search.ScoreThenId;
import dev.aic.queryside.search.VersionedIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.query_dsl.BoolQuery;
import org.opensearch.client.opensearch._types.query_dsl.MultiMatchQuery;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch._types.query_dsl.TextQueryType;
import org.opensearch.client.opensearch.core.search.Hit;
import org.springframework.stereotype.Component;

/**
 * The {@code community-events} OpenSearch index: what analysts explore and what {@code ?q=}
 * searches.
 */
@Component
class CommunityEventSearchIndex {

    static final String NAME = "community-events";
    private static final int VERSION = 1;

    private final OpenSearchClient client;
    private final VersionedIndex index;
    private final BatchedDocuments<CommunityEventDocument> documents;
    private final boolean needsFilling;

    CommunityEventSearchIndex(OpenSearchClient client, OpenSearchProperties properties) {
        this.client = client;
        this.index =
                new VersionedIndex(
                        client,
                        properties.alias(NAME),
                        VERSION,
                        definition ->
                                definition.mappings(
                                        mapping ->
                                                mapping.dynamic(DynamicMapping.Strict)
                                                        .properties("id", KEYWORD)
                                                        // stemmed words: "workshops" finds
                                                        // "workshop"
                                                        .properties(
                                                                "title",
                                                                p ->
                                                                        p.text(
                                                                                t ->
                                                                                        t.analyzer(
                                                                                                        "english")
                                                                                                .fields(
                                                                                                        "raw",
                                                                                                        raw ->
                                                                                                                raw
                                                                                                                        .keyword(
                                                                                                                                k ->
                                                                                                                                        k
                                                                                                                                                .ignoreAbove(
                                                                                                                                                        256)))))
                                                        .properties(
                                                                "description",
                                                                p ->
                                                                        p.text(
                                                                                t ->
                                                                                        t.analyzer(
                                                                                                "english")))
                                                        .properties("tags", KEYWORD)
                                                        .properties("startsAt", DATE)
                                                        .properties("endsAt", DATE)
                                                        .properties("status", KEYWORD)
                                                        .properties("published", BOOLEAN)
                                                        .properties("visibility", KEYWORD)
                                                        .properties("online", BOOLEAN)
                                                        .properties("hasVenue", BOOLEAN)
                                                        .properties("organizers", KEYWORD)
                                                        .properties("capacity", INTEGER)
                                                        .properties("confirmed", INTEGER)
                                                        .properties("waiting", INTEGER)
                                                        .properties("seatsLeft", INTEGER)));
        this.documents =
                new BatchedDocuments<>(
                        client, index, CommunityEventDocument.class, CommunityEventDocument::id);
        this.needsFilling = index.ensureCurrent();
    }

    boolean needsFilling() {
        return needsFilling;
    }

    /**
     * The event as indexed with its external version: first this batch's own writes, then
     * OpenSearch's.
     */
    Optional<BatchedDocuments.Indexed<CommunityEventDocument>> current(UUID id) {
        return documents.current(id);
    }

    /** The document an aggregate's first event creates: see {@link BatchedDocuments#create}. */
    void create(CommunityEventDocument document, long externalVersion) {
        documents.create(document, externalVersion);
    }

    /**
     * Writes with the event's sequence number + 1 as external version, so an older or redelivered
     * event never overwrites a newer state; inside a batch, as one refreshed bulk request before
     * the token commits.
     */
    void put(CommunityEventDocument document, long externalVersion) {
        documents.put(document, externalVersion);
    }

    /**
     * Ids of events matching {@code text} in title, description or tags, best match first and then
     * by id, after the hit whose sort values are {@code after}: published (not cancelled) ones, and
     * the drafts the caller may see.
     */
    List<SearchHit> search(
            String text,
            CommunityEvents.Filter filter,
            boolean allDrafts,
            UUID organizer,
            List<String> after,
            int size) {
        Query matching =
                MultiMatchQuery.of(
                                m ->
                                        m.query(text)
                                                .fields("title^3", "description", "tags^2")
                                                .type(TextQueryType.BestFields)
                                                .operator(Operator.And))
                        .toQuery();
        List<Query> visible = new ArrayList<>();
        visible.add(term("status", "PUBLISHED"));
        if (allDrafts) {
            visible.add(term("status", "DRAFT"));
        } else if (organizer != null) {
            visible.add(allOf(term("status", "DRAFT"), term("organizers", organizer.toString())));
        }
        List<Query> filters = new ArrayList<>();
        filters.add(anyOf(visible));
        filters.add(range("startsAt", filter.from(), filter.to()));
        if (filter.tag() != null) {
            filters.add(term("tags", filter.tag()));
        }
        if (filter.online() != null) {
            filters.add(term(filter.online() ? "online" : "hasVenue", true));
        }
        if (filter.hasSeats() != null) {
            filters.add(filter.hasSeats() ? greaterThan("seatsLeft", 0) : term("seatsLeft", 0));
        }
        Query query = BoolQuery.of(b -> b.must(matching).filter(filters)).toQuery();
        try {
            var response =
                    client.search(
                            s ->
                                    ScoreThenId.sorted(
                                            s.index(index.alias()).size(size).query(query), after),
                            CommunityEventDocument.class);
            return response.hits().hits().stream().map(CommunityEventSearchIndex::hit).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Empties the index for a replay from the start of the event store. */
    void clear() {
        index.recreate();
    }

    private static SearchHit hit(Hit<CommunityEventDocument> hit) {
        return new SearchHit(UUID.fromString(hit.id()), ScoreThenId.sortValues(hit));
    }

    /** A search result's event id and the sort values a cursor resumes after. */
    record SearchHit(UUID id, List<String> sortValues) {}
}
