package dev.aic.queryside.analytics;

import static dev.aic.queryside.search.Mappings.BOOLEAN;
import static dev.aic.queryside.search.Mappings.DATE;
import static dev.aic.queryside.search.Mappings.INTEGER;
import static dev.aic.queryside.search.Mappings.KEYWORD;
import static dev.aic.queryside.search.Mappings.LONG;
import static dev.aic.queryside.search.Queries.range;

import dev.aic.queryside.search.OpenSearchProperties;
import dev.aic.queryside.search.VersionedIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.mapping.Property;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.springframework.stereotype.Component;

/**
 * The {@code search-facts} OpenSearch index, for analysts. Unlike the read models it is no
 * projection: the facts are not events, so nothing can rebuild them, and a new mapping version
 * starts empty beside the old one.
 */
@Component
class SearchFactIndex {

    static final String NAME = "search-facts";
    private static final int VERSION = 1;
    private static final int PAGE = 1000;

    private final OpenSearchClient client;
    private final VersionedIndex index;

    // words for analysts' searches, the whole query for "top queries" terms aggregations
    private static final Property QUERY_TEXT =
            Property.of(
                    p -> p.text(t -> t.fields("keyword", k -> k.keyword(x -> x.ignoreAbove(512)))));
    private static final Property FILTERS =
            Property.of(
                    p ->
                            p.object(
                                    o ->
                                            o.properties("tags", KEYWORD)
                                                    .properties("author", KEYWORD)
                                                    .properties("from", DATE)
                                                    .properties("to", DATE)
                                                    .properties("communityEventId", KEYWORD)));

    SearchFactIndex(OpenSearchClient client, OpenSearchProperties properties) {
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
                                                        .properties("searchId", KEYWORD)
                                                        .properties("type", KEYWORD)
                                                        .properties("@timestamp", DATE)
                                                        .properties("member", KEYWORD)
                                                        .properties("query", QUERY_TEXT)
                                                        .properties("mode", KEYWORD)
                                                        .properties("filters", FILTERS)
                                                        .properties("resultCount", INTEGER)
                                                        .properties("documentIds", KEYWORD)
                                                        .properties("latencyMs", LONG)
                                                        .properties("embeddingModel", KEYWORD)
                                                        .properties("chatModel", KEYWORD)
                                                        .properties("degraded", BOOLEAN)
                                                        .properties("documentId", KEYWORD)
                                                        .properties("rank", INTEGER)));
        index.ensureCurrent();
    }

    String alias() {
        return index.alias();
    }

    String physicalName() {
        return index.physicalName();
    }

    /**
     * Indexes the facts in one bulk request, without waiting for a refresh: analysts read facts
     * seconds later.
     *
     * @return how many OpenSearch refused
     */
    int write(List<SearchFact> facts) {
        List<BulkOperation> operations =
                facts.stream()
                        .map(
                                fact ->
                                        BulkOperation.of(
                                                operation ->
                                                        operation.index(
                                                                i ->
                                                                        i.index(index.alias())
                                                                                .document(fact))))
                        .toList();
        try {
            var response = client.bulk(b -> b.operations(operations));
            return (int)
                    response.items().stream()
                            .map(BulkResponseItem::error)
                            .filter(error -> error != null)
                            .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Takes an erased member's pseudonym out of every fact that holds it, as the searcher or as a
     * filter's author: their facts stay, counted, but no longer link to each other or to their
     * other analytics documents.
     */
    long forget(String pseudonym) {
        try {
            client.indices().refresh(r -> r.index(index.alias()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AnalyticsIndex.removeEachHolding(index, "member", pseudonym)
                + AnalyticsIndex.removeEachHolding(index, "filters.author", pseudonym);
    }

    /**
     * Deletes every fact older than {@code cutoff}, a page at a time: the OpenSearch we run locally
     * has no reindex module, so no delete-by-query.
     *
     * @return how many were deleted
     */
    long deleteOlderThan(Instant cutoff) {
        Query old = range("@timestamp", null, cutoff);
        return index.changeEachMatching(
                old,
                PAGE,
                id ->
                        BulkOperation.of(
                                operation ->
                                        operation.delete(d -> d.index(index.target()).id(id))));
    }
}
