package dev.aic.queryside.rebuild;

import dev.aic.queryside.search.OpenSearchProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The query-side's projections and where each keeps its read model. */
@Configuration(proxyBeanMethods = false)
class RebuildableProjections {

    @Bean
    RebuildableProjection usersProjection() {
        return RebuildableProjection.ofTables("users", "user_profile");
    }

    @Bean
    RebuildableProjection communityEventsProjection() {
        return RebuildableProjection.ofTables("community-events", "community_event", "community_event_rsvp");
    }

    @Bean
    RebuildableProjection documentsProjection() {
        return RebuildableProjection.ofTables("documents", "document", "document_processing", "document_chunk");
    }

    @Bean
    RebuildableProjection usersSearchProjection(OpenSearchProperties openSearch) {
        return RebuildableProjection.ofIndex("users-search", openSearch.alias("users"));
    }

    @Bean
    RebuildableProjection communityEventsSearchProjection(OpenSearchProperties openSearch) {
        return RebuildableProjection.ofIndex("community-events-search", openSearch.alias("community-events"));
    }

    @Bean
    RebuildableProjection documentChunksSearchProjection(OpenSearchProperties openSearch) {
        return RebuildableProjection.ofIndex("document-chunks-search", openSearch.alias("document-chunks"));
    }
}
