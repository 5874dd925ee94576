package dev.aic.queryside.analytics;

import dev.aic.queryside.search.OpenSearchProperties;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.stereotype.Component;

/**
 * The {@code analytics-documents} index: one document per uploaded document, as its latest version
 * stands.
 */
@Component
class DocumentFactsIndex extends AnalyticsIndex<DocumentFacts> {

    static final String NAME = "analytics-documents";
    private static final int VERSION = 1;

    DocumentFactsIndex(OpenSearchClient client, OpenSearchProperties properties) {
        super(
                client,
                properties.alias(NAME),
                VERSION,
                DocumentFacts.class,
                DocumentFacts::id,
                mapping ->
                        mapping.properties("documentId", p -> p.keyword(k -> k))
                                .properties("@timestamp", p -> p.date(d -> d))
                                .properties("version", p -> p.integer(i -> i))
                                .properties("contentType", p -> p.keyword(k -> k))
                                .properties("sizeBytes", p -> p.long_(l -> l))
                                .properties("tags", p -> p.keyword(k -> k.ignoreAbove(256)))
                                .properties("visibility", p -> p.keyword(k -> k))
                                .properties("communityEventId", p -> p.keyword(k -> k))
                                .properties("status", p -> p.keyword(k -> k))
                                .properties("embeddingModel", p -> p.keyword(k -> k))
                                .properties("pages", p -> p.integer(i -> i))
                                .properties("chunks", p -> p.integer(i -> i))
                                .properties("processingStartedAt", p -> p.date(d -> d))
                                .properties("processedAt", p -> p.date(d -> d))
                                .properties("processingMs", p -> p.long_(l -> l))
                                .properties("failureReason", p -> p.keyword(k -> k))
                                .properties("deleted", p -> p.boolean_(b -> b)));
    }
}
