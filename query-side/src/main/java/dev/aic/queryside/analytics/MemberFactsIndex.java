package dev.aic.queryside.analytics;

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
                        mapping.properties("id", p -> p.keyword(k -> k))
                                .properties("@timestamp", p -> p.date(d -> d))
                                .properties("member", p -> p.keyword(k -> k))
                                .properties("cohort", p -> p.keyword(k -> k))
                                .properties("interests", p -> p.keyword(k -> k.ignoreAbove(256)))
                                .properties("roles", p -> p.keyword(k -> k))
                                .properties("active", p -> p.boolean_(b -> b))
                                .properties("erased", p -> p.boolean_(b -> b)));
    }
}
