package dev.aic.queryside.analytics;

import dev.aic.queryside.search.BatchedDocuments;
import dev.aic.queryside.search.VersionedIndex;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.BuiltinScriptLanguage;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.Script;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.util.ObjectBuilder;

/**
 * An analytics index fed by a projection: versioned behind its alias like every OpenSearch read
 * model (so the rebuild API fills a new generation and swaps it in), with a strict mapping, and
 * documents written idempotently with the event's sequence number + 1 as external version.
 */
class AnalyticsIndex<D> {

    private static final int PAGE = 1000;
    private static final String REMOVE_PATH =
            """
            def object = ctx._source;
            for (int i = 0; i < params.path.size() - 1 && object != null; i++) {
                object = object.get(params.path.get(i));
            }
            if (object != null) {
                object.remove(params.path.get(params.path.size() - 1));
            }""";

    private final VersionedIndex index;
    private final BatchedDocuments<D> documents;
    private final boolean needsFilling;

    AnalyticsIndex(
            OpenSearchClient client,
            String alias,
            int version,
            Class<D> type,
            Function<D, UUID> idOf,
            Function<TypeMapping.Builder, ObjectBuilder<TypeMapping>> fields) {
        this.index =
                new VersionedIndex(
                        client,
                        alias,
                        version,
                        definition ->
                                definition.mappings(
                                        mapping ->
                                                fields.apply(
                                                        mapping.dynamic(DynamicMapping.Strict))));
        this.documents = new BatchedDocuments<>(client, index, type, idOf);
        this.needsFilling = index.ensureCurrent();
    }

    String alias() {
        return index.alias();
    }

    /**
     * True when the alias was moved to a new, empty index: the projection must replay the event
     * store.
     */
    boolean needsFilling() {
        return needsFilling;
    }

    Optional<BatchedDocuments.Indexed<D>> current(UUID id) {
        return documents.current(id);
    }

    /** The document an aggregate's first event creates: see {@link BatchedDocuments#create}. */
    void create(D document, long externalVersion) {
        documents.create(document, externalVersion);
    }

    void put(D document, long externalVersion) {
        documents.put(document, externalVersion);
    }

    /**
     * Removes a member's pseudonym from every document that holds it in {@code field}: what the
     * batch has written so far first, so that the search finds it too. The facts stay, counted, but
     * link to no one.
     *
     * @return how many documents were changed
     */
    long forget(String field, String pseudonym) {
        documents.flushPending();
        return removeEachHolding(index, field, pseudonym);
    }

    /**
     * Removes {@code field} (a dotted path for a field of an object) from every document of {@code
     * index} where it holds {@code value}, by a script: a partial document cannot say null, as the
     * JSON mapper leaves nulls out.
     */
    static long removeEachHolding(VersionedIndex index, String field, String value) {
        Query holding = Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value))));
        JsonData path = JsonData.of(List.of(field.split("\\.")));
        Script remove =
                Script.of(
                        script ->
                                script.inline(
                                        inline ->
                                                inline.lang(
                                                                language ->
                                                                        language.builtin(
                                                                                BuiltinScriptLanguage
                                                                                        .Painless))
                                                        .source(REMOVE_PATH)
                                                        .params("path", path)));
        return index.changeEachMatching(
                holding,
                PAGE,
                id ->
                        BulkOperation.of(
                                operation ->
                                        operation.update(
                                                update ->
                                                        update.index(index.target())
                                                                .id(id)
                                                                .script(remove))));
    }

    /** Empties the index for a replay from the start of the event store. */
    void clear() {
        index.recreate();
    }
}
