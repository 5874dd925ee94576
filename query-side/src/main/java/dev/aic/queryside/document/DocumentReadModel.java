package dev.aic.queryside.document;

import dev.aic.queryside.ProjectionNames;
import dev.aic.queryside.rebuild.RebuildableProjection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the documents' read model lives (metadata, processing, chunks with their vectors), for the
 * rebuild API.
 */
@Configuration(proxyBeanMethods = false)
class DocumentReadModel {

    @Bean
    RebuildableProjection documentsProjection() {
        return RebuildableProjection.ofTables(
                ProjectionNames.DOCUMENTS,
                "document",
                "document_processing",
                "document_chunk",
                "document_version");
    }
}
