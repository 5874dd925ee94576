package dev.aic.queryside.analytics;

import static dev.aic.queryside.search.Mappings.BOOLEAN;
import static dev.aic.queryside.search.Mappings.DATE;
import static dev.aic.queryside.search.Mappings.KEYWORD;

import dev.aic.queryside.search.OpenSearchProperties;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.stereotype.Component;

/** The {@code analytics-members} index: one document per member who ever registered. */
@Component
class MemberFactsIndex extends AnalyticsIndex<MemberFacts> {

    static final String NAME = "analytics-members";
    private static final int VERSION = 1;

    MemberFactsIndex(OpenSearchClient client, OpenSearchProperties properties) {
        super(
                client,
                properties.alias(NAME),
                VERSION,
                MemberFacts.class,
                MemberFacts::id,
                mapping ->
                        mapping.properties("id", KEYWORD)
                                .properties("@timestamp", DATE)
                                .properties("member", KEYWORD)
                                .properties("cohort", KEYWORD)
                                .properties("interests", p -> p.keyword(k -> k.ignoreAbove(256)))
                                .properties("roles", KEYWORD)
                                .properties("active", BOOLEAN)
                                .properties("erased", BOOLEAN));
    }
}
