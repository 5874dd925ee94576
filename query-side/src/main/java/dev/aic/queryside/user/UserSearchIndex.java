package dev.aic.queryside.user;

import static dev.aic.queryside.search.Mappings.BOOLEAN;
import static dev.aic.queryside.search.Mappings.DATE;
import static dev.aic.queryside.search.Mappings.KEYWORD;
import static dev.aic.queryside.search.Mappings.STORED_KEYWORD;
import static dev.aic.queryside.search.Mappings.TEXT;
import static dev.aic.queryside.search.Queries.anyOf;
import static dev.aic.queryside.search.Queries.term;

import dev.aic.contracts.user.Role;
import dev.aic.queryside.search.BatchedDocuments;
import dev.aic.queryside.search.OpenSearchProperties;
import dev.aic.queryside.search.ScoreThenId;
import dev.aic.queryside.search.VersionedIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.analysis.Analyzer;
import org.opensearch.client.opensearch._types.analysis.TokenFilter;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.query_dsl.BoolQuery;
import org.opensearch.client.opensearch._types.query_dsl.MatchQuery;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch._types.query_dsl.Query;
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

    private static final TokenFilter NAME_PREFIXES =
            TokenFilter.of(f -> f.definition(d -> d.edgeNgram(e -> e.minGram(1).maxGram(20))));
    private static final Analyzer NAME_PREFIX_ANALYZER =
            Analyzer.of(
                    a ->
                            a.custom(
                                    c ->
                                            c.tokenizer("standard")
                                                    .filter(
                                                            "lowercase",
                                                            "asciifolding",
                                                            "name_prefix")));

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
                                                                                        NAME_PREFIXES)
                                                                                .analyzer(
                                                                                        "name_prefix",
                                                                                        NAME_PREFIX_ANALYZER)))
                                        .mappings(
                                                mapping ->
                                                        mapping.dynamic(DynamicMapping.Strict)
                                                                .properties("id", KEYWORD)
                                                                .properties("email", KEYWORD)
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
                                                                .properties("bio", TEXT)
                                                                .properties("interests", KEYWORD)
                                                                .properties(
                                                                        "avatarRef", STORED_KEYWORD)
                                                                .properties("roles", KEYWORD)
                                                                .properties("active", BOOLEAN)
                                                                .properties("registeredAt", DATE)));
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

    /** The document an aggregate's first event creates: see {@link BatchedDocuments#create}. */
    void create(UserDocument document, long externalVersion) {
        documents.create(document, externalVersion);
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
        Query byName =
                MatchQuery.of(
                                m ->
                                        m.field("displayName")
                                                .query(FieldValue.of(text))
                                                .operator(Operator.And))
                        .toQuery();
        Query matching =
                byEmail
                        ? anyOf(
                                List.of(
                                        byName,
                                        term("email", text.trim().toLowerCase(Locale.ROOT))))
                        : byName;
        List<Query> filters = new ArrayList<>();
        if (role != null) {
            filters.add(term("roles", role.name()));
        }
        if (active != null) {
            filters.add(term("active", active));
        }
        Query query = BoolQuery.of(b -> b.must(matching).filter(filters)).toQuery();
        try {
            var response =
                    client.search(
                            s ->
                                    ScoreThenId.sorted(
                                            s.index(index.alias())
                                                    .size(size)
                                                    .version(true)
                                                    .query(query),
                                            after),
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
