package dev.aic.queryside.analytics;

import dev.aic.queryside.ProjectionNames;
import dev.aic.queryside.rebuild.RebuildableProjection;
import dev.aic.queryside.search.OpenSearchProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the analysts' indices live, for the rebuild API ({@code
 * /api/admin/projections/{name}/rebuild}).
 */
@Configuration(proxyBeanMethods = false)
class AnalyticsReadModels {

    @Bean
    RebuildableProjection analyticsMembersProjection(OpenSearchProperties openSearch) {
        return RebuildableProjection.ofIndex(
                ProjectionNames.ANALYTICS_MEMBERS, openSearch.alias(MemberFactsIndex.NAME));
    }

    @Bean
    RebuildableProjection analyticsCommunityEventsProjection(OpenSearchProperties openSearch) {
        return RebuildableProjection.ofIndex(
                ProjectionNames.ANALYTICS_COMMUNITY_EVENTS,
                openSearch.alias(CommunityEventFactsIndex.NAME));
    }

    @Bean
    RebuildableProjection analyticsRsvpsProjection(OpenSearchProperties openSearch) {
        return RebuildableProjection.ofIndex(
                ProjectionNames.ANALYTICS_RSVPS, openSearch.alias(RsvpFactIndex.NAME));
    }

    @Bean
    RebuildableProjection analyticsDocumentsProjection(OpenSearchProperties openSearch) {
        return RebuildableProjection.ofIndex(
                ProjectionNames.ANALYTICS_DOCUMENTS, openSearch.alias(DocumentFactsIndex.NAME));
    }
}
