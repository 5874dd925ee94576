package dev.aic.queryside.knowledge;

import dev.aic.queryside.ProjectionNames;
import dev.aic.queryside.rebuild.RebuildableProjection;
import dev.aic.queryside.search.OpenSearchProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where the chunks' full-text index lives, for the rebuild API. */
@Configuration(proxyBeanMethods = false)
class DocumentChunkReadModel {

    @Bean
    RebuildableProjection documentChunksSearchProjection(OpenSearchProperties openSearch) {
        return RebuildableProjection.ofIndex(
                ProjectionNames.DOCUMENT_CHUNKS_SEARCH, openSearch.alias(DocumentChunkIndex.NAME));
    }
}
