package dev.aic.queryside.user;

import dev.aic.contracts.user.Role;
import dev.aic.queryside.search.BatchedDocuments;
import dev.aic.queryside.search.OpenSearchProperties;
import dev.aic.queryside.search.ScoreThenId;
import dev.aic.queryside.search.VersionedIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch.core.search.Hit;
import org.springframework.stereotype.Component;

/** The {@code users} OpenSearch index: what analysts explore and what {@code ?q=} searches. */
@Component
class UserSearchIndex {

    static final String NAME = "users";

    /**
     * v2: profile, roles and activity; a new version is filled from the event store beside the old
     * one.
     */
    private static final int VERSION = 2;

    private final OpenSearchClient client;
    private final VersionedIndex index;
    private final BatchedDocuments<UserDocument> documents;
    private final boolean needsFilling;

    UserSearchIndex(OpenSearchClient client, OpenSearchProperties properties) {
        this.client = client;
        this.index =
                new VersionedIndex(
                        client,
                        properties.alias(NAME),
                        VERSION,
                        definition ->
                                definition
                                        .settings(
                                                settings ->
                                                        settings.analysis(
                                                                analysis ->
                                                                        analysis.filter(
                                                                                        "name_prefix",
                                                                                        f ->
                                                                                                f
                                                                                                        .definition(
                                                                                                                d ->
                                                                                                                        d
                                                                                                                                .edgeNgram(
                                                                                                                                        e ->
                                                                                                                                                e.minGram(
                                                                                                                                                                1)
                                                                                                                                                        .maxGram(
                                                                                                                                                                20))))
                                                                                .analyzer(
                                                                                        "name_prefix",
                                                                                        a ->
                                                                                                a
                                                                                                        .custom(
                                                                                                                c ->
                                                                                                                        c.tokenizer(
                                                                                                                                        "standard")
                                                                                                                                .filter(
                                                                                                                                        "lowercase",
                                                                                                                                        "asciifolding",
                                                                                                                                        "name_prefix")))))
                                        .mappings(
                                                mapping ->
                                                        mapping.dynamic(DynamicMapping.Strict)
                                                                .properties(
                                                                        "id",
                                                                        p -> p.keyword(k -> k))
                                                                .properties(
                                                                        "email",
                                                                        p -> p.keyword(k -> k))
                                                                // indexed as prefixes, searched as
                                                                // whole words: "ada lov" finds "Ada
                                                                // Lovelace"
                                                                .properties(
                                                                        "displayName",
                                                                        p ->
                                                                                p.text(
                                                                                        t ->
                                                                                                t.analyzer(
                                                                                                                "name_prefix")
                                                                                                        .searchAnalyzer(
                                                                                                                "standard")
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
                                                                        "bio", p -> p.text(t -> t))
                                                                .properties(
                                                                        "interests",
                                                                        p -> p.keyword(k -> k))
                                                                .properties(
                                                                        "avatarRef",
                                                                        p ->
                                                                                p.keyword(
                                                                                        k ->
                                                                                                k
                                                                                                        .index(
                                                                                                                false)))
                                                                .properties(
                                                                        "roles",
                                                                        p -> p.keyword(k -> k))
                                                                .properties(
                                                                        "active",
                                                                        p -> p.boolean_(b -> b))
                                                                .properties(
                                                                        "registeredAt",
                                                                        p -> p.date(d -> d))));
        this.documents =
                new BatchedDocuments<>(client, index, UserDocument.class, UserDocument::id);
        this.needsFilling = index.ensureCurrent();
    }

    /**
     * True when this start created the current index version, which the projection must fill from
     * the start.
     */
    boolean needsFilling() {
        return needsFilling;
    }

    /**
     * The user as indexed, with its external version (sequence number + 1): first what this batch
     * of events has already changed, then what OpenSearch holds (a realtime get, refresh or not).
     */
    Optional<BatchedDocuments.Indexed<UserDocument>> current(UUID id) {
        return documents.current(id);
    }

    /**
     * Writes the document with the event's sequence number + 1 as its external version, so a
     * redelivered or older event can never overwrite a newer state. Inside a processor's batch the
     * writes are collected and sent as one bulk request, refreshed, before the batch's token is
     * committed: once the token store says an event was processed, searches find it.
     */
    void put(UserDocument user, long externalVersion) {
        documents.put(user, externalVersion);
    }

    /**
     * Users matching {@code text} by name prefix or, when {@code byEmail}, exact e-mail; best match
     * first and then by id, after the hit whose sort values are {@code after}.
     */
    List<SearchHit> search(
            String text, boolean byEmail, Role role, Boolean active, List<String> after, int size) {
        try {
            var response =
                    client.search(
                            s -> {
                                s.index(index.alias())
                                        .size(size)
                                        .version(true)
                                        .query(
                                                q ->
                                                        q.bool(
                                                                b -> {
                                                                    b.must(
                                                                            m ->
                                                                                    m.bool(
                                                                                            match ->
                                                                                                    match.should(
                                                                                                                    sh ->
                                                                                                                            sh
                                                                                                                                    .match(
                                                                                                                                            n ->
                                                                                                                                                    n.field(
                                                                                                                                                                    "displayName")
                                                                                                                                                            .query(
                                                                                                                                                                    v ->
                                                                                                                                                                            v
                                                                                                                                                                                    .stringValue(
                                                                                                                                                                                            text))
                                                                                                                                                            .operator(
                                                                                                                                                                    Operator
                                                                                                                                                                            .And)))
                                                                                                            .should(
                                                                                                                    sh ->
                                                                                                                            byEmail
                                                                                                                                    ? sh
                                                                                                                                            .term(
                                                                                                                                                    t ->
                                                                                                                                                            t.field(
                                                                                                                                                                            "email")
                                                                                                                                                                    .value(
                                                                                                                                                                            v ->
                                                                                                                                                                                    v
                                                                                                                                                                                            .stringValue(
                                                                                                                                                                                                    text.trim()
                                                                                                                                                                                                            .toLowerCase(
                                                                                                                                                                                                                    Locale
                                                                                                                                                                                                                            .ROOT))))
                                                                                                                                    : sh
                                                                                                                                            .matchNone(
                                                                                                                                                    none ->
                                                                                                                                                            none))
                                                                                                            .minimumShouldMatch(
                                                                                                                    "1")));
                                                                    if (role != null) {
                                                                        b.filter(
                                                                                f ->
                                                                                        f.term(
                                                                                                t ->
                                                                                                        t.field(
                                                                                                                        "roles")
                                                                                                                .value(
                                                                                                                        FieldValue
                                                                                                                                .of(
                                                                                                                                        role
                                                                                                                                                .name()))));
                                                                    }
                                                                    if (active != null) {
                                                                        b.filter(
                                                                                f ->
                                                                                        f.term(
                                                                                                t ->
                                                                                                        t.field(
                                                                                                                        "active")
                                                                                                                .value(
                                                                                                                        FieldValue
                                                                                                                                .of(
                                                                                                                                        active))));
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
                            UserDocument.class);
            return response.hits().hits().stream().map(UserSearchIndex::hit).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Empties the index for a replay from the start of the event store. */
    void clear() {
        index.recreate();
    }

    private static SearchHit hit(Hit<UserDocument> hit) {
        return new SearchHit(hit.source().profile(hit.version() - 1), ScoreThenId.sortValues(hit));
    }

    /** A search result and the sort values a cursor resumes after. */
    record SearchHit(UserProfile user, List<String> sortValues) {}
}
