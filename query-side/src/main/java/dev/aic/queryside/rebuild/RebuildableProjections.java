package dev.aic.queryside.rebuild;

import dev.aic.queryside.ProjectionNames;
import dev.aic.queryside.search.OpenSearchProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The query-side's projections and where each keeps its read model. */
@Configuration(proxyBeanMethods = false)
class RebuildableProjections {

    @Bean
    RebuildableProjection usersProjection() {
        return RebuildableProjection.ofTables(ProjectionNames.USERS, "user_profile");
    }

    @Bean
    RebuildableProjection communityEventsProjection() {
        return RebuildableProjection.ofTables(ProjectionNames.COMMUNITY_EVENTS, "community_event",
                "community_event_rsvp");
    }

    @Bean
    RebuildableProjection documentsProjection() {
        return RebuildableProjection.ofTables(ProjectionNames.DOCUMENTS, "document", "document_processing",
                "document_chunk", "document_version");
    }

    @Bean
    RebuildableProjection usersSearchProjection(OpenSearchProperties openSearch) {
        return RebuildableProjection.ofIndex(ProjectionNames.USERS_SEARCH, openSearch.alias("users"));
    }

    @Bean
    RebuildableProjection communityEventsSearchProjection(OpenSearchProperties openSearch) {
        return RebuildableProjection.ofIndex(ProjectionNames.COMMUNITY_EVENTS_SEARCH,
                openSearch.alias("community-events"));
    }

    @Bean
    RebuildableProjection documentChunksSearchProjection(OpenSearchProperties openSearch) {
        return RebuildableProjection.ofIndex(ProjectionNames.DOCUMENT_CHUNKS_SEARCH,
                openSearch.alias("document-chunks"));
    }

    @Bean
    RebuildableProjection analyticsMembersProjection(OpenSearchProperties openSearch) {
        return RebuildableProjection.ofIndex(ProjectionNames.ANALYTICS_MEMBERS, openSearch.alias("analytics-members"));
    }

    @Bean
    RebuildableProjection analyticsCommunityEventsProjection(OpenSearchProperties openSearch) {
        return RebuildableProjection.ofIndex(ProjectionNames.ANALYTICS_COMMUNITY_EVENTS,
                openSearch.alias("analytics-community-events"));
    }

    @Bean
    RebuildableProjection analyticsRsvpsProjection(OpenSearchProperties openSearch) {
        return RebuildableProjection.ofIndex(ProjectionNames.ANALYTICS_RSVPS, openSearch.alias("analytics-rsvps"));
    }

    @Bean
    RebuildableProjection analyticsDocumentsProjection(OpenSearchProperties openSearch) {
        return RebuildableProjection.ofIndex(ProjectionNames.ANALYTICS_DOCUMENTS,
                openSearch.alias("analytics-documents"));
    }
}
