package dev.aic.queryside.analytics;

import static dev.aic.queryside.search.Mappings.BOOLEAN;
import static dev.aic.queryside.search.Mappings.DATE;
import static dev.aic.queryside.search.Mappings.DOUBLE;
import static dev.aic.queryside.search.Mappings.INTEGER;
import static dev.aic.queryside.search.Mappings.KEYWORD;

import dev.aic.queryside.search.OpenSearchProperties;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.stereotype.Component;

/** The {@code analytics-community-events} index: one document per community event. */
@Component
class CommunityEventFactsIndex extends AnalyticsIndex<CommunityEventFacts> {

    static final String NAME = "analytics-community-events";
    private static final int VERSION = 1;

    CommunityEventFactsIndex(OpenSearchClient client, OpenSearchProperties properties) {
        super(
                client,
                properties.alias(NAME),
                VERSION,
                CommunityEventFacts.class,
                CommunityEventFacts::id,
                mapping ->
                        mapping.properties("communityEventId", KEYWORD)
                                .properties("@timestamp", DATE)
                                .properties("status", KEYWORD)
                                .properties("publishedAt", DATE)
                                .properties("cancelledAt", DATE)
                                .properties("startsAt", DATE)
                                .properties("endsAt", DATE)
                                .properties("tags", p -> p.keyword(k -> k.ignoreAbove(256)))
                                .properties("visibility", KEYWORD)
                                .properties("online", BOOLEAN)
                                .properties("hasVenue", BOOLEAN)
                                .properties("capacity", INTEGER)
                                .properties("seatsTaken", INTEGER)
                                .properties("waiting", INTEGER)
                                .properties("waitingListPeak", INTEGER)
                                .properties("rsvps", INTEGER)
                                .properties("checkedIn", INTEGER)
                                .properties("attendanceRate", DOUBLE));
    }
}
