package dev.aic.queryside.analytics;

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
                        mapping.properties("communityEventId", p -> p.keyword(k -> k))
                                .properties("@timestamp", p -> p.date(d -> d))
                                .properties("status", p -> p.keyword(k -> k))
                                .properties("publishedAt", p -> p.date(d -> d))
                                .properties("cancelledAt", p -> p.date(d -> d))
                                .properties("startsAt", p -> p.date(d -> d))
                                .properties("endsAt", p -> p.date(d -> d))
                                .properties("tags", p -> p.keyword(k -> k.ignoreAbove(256)))
                                .properties("visibility", p -> p.keyword(k -> k))
                                .properties("online", p -> p.boolean_(b -> b))
                                .properties("hasVenue", p -> p.boolean_(b -> b))
                                .properties("capacity", p -> p.integer(i -> i))
                                .properties("seatsTaken", p -> p.integer(i -> i))
                                .properties("waiting", p -> p.integer(i -> i))
                                .properties("waitingListPeak", p -> p.integer(i -> i))
                                .properties("rsvps", p -> p.integer(i -> i))
                                .properties("checkedIn", p -> p.integer(i -> i))
                                .properties("attendanceRate", p -> p.double_(d -> d)));
    }
}
