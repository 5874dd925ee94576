package dev.aic.queryside.analytics;

import static dev.aic.queryside.search.Mappings.BOOLEAN;
import static dev.aic.queryside.search.Mappings.DATE;
import static dev.aic.queryside.search.Mappings.INTEGER;
import static dev.aic.queryside.search.Mappings.KEYWORD;
import static dev.aic.queryside.search.Mappings.LONG;

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
                        mapping.properties("documentId", KEYWORD)
                                .properties("@timestamp", DATE)
                                .properties("version", INTEGER)
                                .properties("contentType", KEYWORD)
                                .properties("sizeBytes", LONG)
                                .properties("tags", p -> p.keyword(k -> k.ignoreAbove(256)))
                                .properties("visibility", KEYWORD)
                                .properties("communityEventId", KEYWORD)
                                .properties("status", KEYWORD)
                                .properties("embeddingModel", KEYWORD)
                                .properties("pages", INTEGER)
                                .properties("chunks", INTEGER)
                                .properties("processingStartedAt", DATE)
                                .properties("processedAt", DATE)
                                .properties("processingMs", LONG)
                                .properties("failureReason", KEYWORD)
                                .properties("deleted", BOOLEAN));
    }
}
