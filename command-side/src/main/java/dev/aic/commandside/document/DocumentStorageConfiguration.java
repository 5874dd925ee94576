package dev.aic.commandside.document;

import dev.aic.content.ContentStoreConfiguration;
import dev.aic.web.http.BodySizeLimitFilter;
import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.util.unit.DataSize;

/**
 * The content store ({@code aic.content.store}, shared with the ai-worker) and the upload limits.
 * Only the document paths accept bodies up to {@code aic.documents.max-bytes} (plus room for the
 * form fields); every other path keeps the 64 KB limit. Multipart files are streamed to disk by the
 * servlet container, never held in memory.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DocumentProperties.class)
@Import(ContentStoreConfiguration.class)
class DocumentStorageConfiguration {

    /** The form fields beside the file (title, tags...) and the multipart boundaries. */
    static final DataSize FORM_OVERHEAD = DataSize.ofKilobytes(64);

    @Bean
    BodySizeLimitFilter.LargerLimit uploadBodyLimit(DocumentProperties properties) {
        return new BodySizeLimitFilter.LargerLimit(
                "/api/documents/**", uploadRequestLimit(properties));
    }

    @Bean
    MultipartConfigElement multipartConfig(DocumentProperties properties) {
        var factory = new MultipartConfigFactory();
        factory.setMaxFileSize(properties.maxBytes());
        factory.setMaxRequestSize(DataSize.ofBytes(uploadRequestLimit(properties)));
        // every file goes to a temporary file at once
        factory.setFileSizeThreshold(DataSize.ofBytes(0));
        return factory.createMultipartConfig();
    }

    private static long uploadRequestLimit(DocumentProperties properties) {
        return properties.maxBytes().toBytes() + FORM_OVERHEAD.toBytes();
    }
}
