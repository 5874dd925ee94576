package dev.aic.queryside.communityevent;

import dev.aic.queryside.ProjectionNames;
import dev.aic.queryside.rebuild.RebuildableProjection;
import dev.aic.queryside.search.OpenSearchProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where the community events' read models live, for the rebuild API. */
@Configuration(proxyBeanMethods = false)
class CommunityEventReadModels {

    @Bean
    RebuildableProjection communityEventsProjection() {
        return RebuildableProjection.ofTables(
                ProjectionNames.COMMUNITY_EVENTS, "community_event", "community_event_rsvp");
    }

    @Bean
    RebuildableProjection communityEventsSearchProjection(OpenSearchProperties openSearch) {
        return RebuildableProjection.ofIndex(
                ProjectionNames.COMMUNITY_EVENTS_SEARCH,
                openSearch.alias(CommunityEventSearchIndex.NAME));
    }
}
