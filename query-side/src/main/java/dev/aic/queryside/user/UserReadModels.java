package dev.aic.queryside.user;

import dev.aic.queryside.ProjectionNames;
import dev.aic.queryside.rebuild.RebuildableProjection;
import dev.aic.queryside.search.OpenSearchProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the members' read models live, for the rebuild API ({@code
 * /api/admin/projections/{name}/rebuild}).
 */
@Configuration(proxyBeanMethods = false)
class UserReadModels {

    @Bean
    RebuildableProjection usersProjection() {
        return RebuildableProjection.ofTables(ProjectionNames.USERS, "user_profile");
    }

    @Bean
    RebuildableProjection usersSearchProjection(OpenSearchProperties openSearch) {
        return RebuildableProjection.ofIndex(
                ProjectionNames.USERS_SEARCH, openSearch.alias(UserSearchIndex.NAME));
    }
}
