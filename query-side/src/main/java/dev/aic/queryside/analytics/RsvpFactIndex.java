package dev.aic.queryside.analytics;

import static dev.aic.queryside.search.Mappings.DATE;
import static dev.aic.queryside.search.Mappings.KEYWORD;

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
                        mapping.properties("id", KEYWORD)
                                .properties("@timestamp", DATE)
                                .properties("type", KEYWORD)
                                .properties("communityEventId", KEYWORD)
                                .properties("member", KEYWORD)
                                .properties("gaveUp", KEYWORD));
    }
}
