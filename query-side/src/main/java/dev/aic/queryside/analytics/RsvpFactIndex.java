package dev.aic.queryside.analytics;

import dev.aic.queryside.search.OpenSearchProperties;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.stereotype.Component;

/** The {@code analytics-rsvps} index: one fact per RSVP, cancellation, promotion and check-in. */
@Component
class RsvpFactIndex extends AnalyticsIndex<RsvpFact> {

    static final String NAME = "analytics-rsvps";
    private static final int VERSION = 1;

    RsvpFactIndex(OpenSearchClient client, OpenSearchProperties properties) {
        super(
                client,
                properties.alias(NAME),
                VERSION,
                RsvpFact.class,
                RsvpFact::id,
                mapping ->
                        mapping.properties("id", p -> p.keyword(k -> k))
                                .properties("@timestamp", p -> p.date(d -> d))
                                .properties("type", p -> p.keyword(k -> k))
                                .properties("communityEventId", p -> p.keyword(k -> k))
                                .properties("member", p -> p.keyword(k -> k))
                                .properties("gaveUp", p -> p.keyword(k -> k)));
    }
}
