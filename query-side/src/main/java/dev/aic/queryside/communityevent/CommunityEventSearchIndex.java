package dev.aic.queryside.communityevent;

import dev.aic.queryside.search.BatchedDocuments;
import dev.aic.queryside.search.OpenSearchProperties;
import dev.aic.queryside.search.ScoreThenId;
import dev.aic.queryside.search.VersionedIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
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
                                                        .properties("id", p -> p.keyword(k -> k))
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
                                                        .properties("tags", p -> p.keyword(k -> k))
                                                        .properties("startsAt", p -> p.date(d -> d))
                                                        .properties("endsAt", p -> p.date(d -> d))
                                                        .properties(
                                                                "status", p -> p.keyword(k -> k))
                                                        .properties(
                                                                "published",
                                                                p -> p.boolean_(b -> b))
                                                        .properties(
                                                                "visibility",
                                                                p -> p.keyword(k -> k))
                                                        .properties(
                                                                "online", p -> p.boolean_(b -> b))
                                                        .properties(
                                                                "hasVenue", p -> p.boolean_(b -> b))
                                                        .properties(
                                                                "organizers",
                                                                p -> p.keyword(k -> k))
                                                        .properties(
                                                                "capacity", p -> p.integer(i -> i))
                                                        .properties(
                                                                "confirmed", p -> p.integer(i -> i))
                                                        .properties(
                                                                "waiting", p -> p.integer(i -> i))
                                                        .properties(
                                                                "seatsLeft",
                                                                p -> p.integer(i -> i))));
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
        try {
            var response =
                    client.search(
                            s -> {
                                s.index(index.alias())
                                        .size(size)
                                        .query(
                                                q ->
                                                        q.bool(
                                                                b -> {
                                                                    b.must(
                                                                            m ->
                                                                                    m.multiMatch(
                                                                                            mm ->
                                                                                                    mm.query(
                                                                                                                    text)
                                                                                                            .fields(
                                                                                                                    "title^3",
                                                                                                                    "description",
                                                                                                                    "tags^2")
                                                                                                            .type(
                                                                                                                    TextQueryType
                                                                                                                            .BestFields)
                                                                                                            .operator(
                                                                                                                    Operator
                                                                                                                            .And)));
                                                                    b.filter(
                                                                            f ->
                                                                                    f.bool(
                                                                                            visible -> {
                                                                                                visible
                                                                                                        .should(
                                                                                                                sh ->
                                                                                                                        sh
                                                                                                                                .term(
                                                                                                                                        t ->
                                                                                                                                                t.field(
                                                                                                                                                                "status")
                                                                                                                                                        .value(
                                                                                                                                                                FieldValue
                                                                                                                                                                        .of(
                                                                                                                                                                                "PUBLISHED"))));
                                                                                                if (allDrafts) {
                                                                                                    visible
                                                                                                            .should(
                                                                                                                    sh ->
                                                                                                                            sh
                                                                                                                                    .term(
                                                                                                                                            t ->
                                                                                                                                                    t.field(
                                                                                                                                                                    "status")
                                                                                                                                                            .value(
                                                                                                                                                                    FieldValue
                                                                                                                                                                            .of(
                                                                                                                                                                                    "DRAFT"))));
                                                                                                } else if (organizer
                                                                                                        != null) {
                                                                                                    visible
                                                                                                            .should(
                                                                                                                    sh ->
                                                                                                                            sh
                                                                                                                                    .bool(
                                                                                                                                            own ->
                                                                                                                                                    own.filter(
                                                                                                                                                                    d ->
                                                                                                                                                                            d
                                                                                                                                                                                    .term(
                                                                                                                                                                                            t ->
                                                                                                                                                                                                    t.field(
                                                                                                                                                                                                                    "status")
                                                                                                                                                                                                            .value(
                                                                                                                                                                                                                    FieldValue
                                                                                                                                                                                                                            .of(
                                                                                                                                                                                                                                    "DRAFT"))))
                                                                                                                                                            .filter(
                                                                                                                                                                    d ->
                                                                                                                                                                            d
                                                                                                                                                                                    .term(
                                                                                                                                                                                            t ->
                                                                                                                                                                                                    t.field(
                                                                                                                                                                                                                    "organizers")
                                                                                                                                                                                                            .value(
                                                                                                                                                                                                                    FieldValue
                                                                                                                                                                                                                            .of(
                                                                                                                                                                                                                                    organizer
                                                                                                                                                                                                                                            .toString()))))));
                                                                                                }
                                                                                                return visible
                                                                                                        .minimumShouldMatch(
                                                                                                                "1");
                                                                                            }));
                                                                    b.filter(
                                                                            f ->
                                                                                    f.range(
                                                                                            r -> {
                                                                                                r.field(
                                                                                                                "startsAt")
                                                                                                        .gte(
                                                                                                                JsonData
                                                                                                                        .of(
                                                                                                                                filter.from()
                                                                                                                                        .toString()));
                                                                                                if (filter
                                                                                                                .to()
                                                                                                        != null) {
                                                                                                    r
                                                                                                            .lt(
                                                                                                                    JsonData
                                                                                                                            .of(
                                                                                                                                    filter.to()
                                                                                                                                            .toString()));
                                                                                                }
                                                                                                return r;
                                                                                            }));
                                                                    if (filter.tag() != null) {
                                                                        b.filter(
                                                                                f ->
                                                                                        f.term(
                                                                                                t ->
                                                                                                        t.field(
                                                                                                                        "tags")
                                                                                                                .value(
                                                                                                                        FieldValue
                                                                                                                                .of(
                                                                                                                                        filter
                                                                                                                                                .tag()))));
                                                                    }
                                                                    if (filter.online() != null) {
                                                                        String field =
                                                                                filter.online()
                                                                                        ? "online"
                                                                                        : "hasVenue";
                                                                        b.filter(
                                                                                f ->
                                                                                        f.term(
                                                                                                t ->
                                                                                                        t.field(
                                                                                                                        field)
                                                                                                                .value(
                                                                                                                        FieldValue
                                                                                                                                .of(
                                                                                                                                        true))));
                                                                    }
                                                                    if (filter.hasSeats() != null) {
                                                                        b.filter(
                                                                                f ->
                                                                                        filter
                                                                                                        .hasSeats()
                                                                                                ? f
                                                                                                        .range(
                                                                                                                r ->
                                                                                                                        r.field(
                                                                                                                                        "seatsLeft")
                                                                                                                                .gt(
                                                                                                                                        JsonData
                                                                                                                                                .of(
                                                                                                                                                        0)))
                                                                                                : f
                                                                                                        .term(
                                                                                                                t ->
                                                                                                                        t.field(
                                                                                                                                        "seatsLeft")
                                                                                                                                .value(
                                                                                                                                        FieldValue
                                                                                                                                                .of(
                                                                                                                                                        0))));
                                                                    }
                                                                    return b;
                                                                }))
                                        .sort(
                                                order ->
                                                        order.score(
                                                                score ->
                                                                        score.order(
                                                                                SortOrder.Desc)))
                                        .sort(
                                                order ->
                                                        order.field(
                                                                field ->
                                                                        field.field("id")
                                                                                .order(
                                                                                        SortOrder
                                                                                                .Asc)));
                                if (after != null) {
                                    s.searchAfter(
                                            FieldValue.of(Double.parseDouble(after.get(0))),
                                            FieldValue.of(after.get(1)));
                                }
                                return s;
                            },
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
