package dev.aic.commandside.document;

import dev.aic.web.http.BodySizeLimitFilter;
import jakarta.servlet.MultipartConfigElement;
import java.net.URI;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The content store and the upload limits. Only the document paths accept bodies up to
 * {@code aic.documents.max-bytes} (plus room for the form fields); every other path keeps the 64 KB limit.
 * Multipart files are streamed to disk by the servlet container, never held in memory.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DocumentProperties.class)
class DocumentStorageConfiguration {

    /** The form fields beside the file (title, tags...) and the multipart boundaries. */
    static final DataSize FORM_OVERHEAD = DataSize.ofKilobytes(64);

    @Bean
    ContentStore contentStore(DocumentProperties properties) {
        return switch (properties.store()) {
            case FILESYSTEM -> new FilesystemContentStore(properties.directory());
            case S3 -> new S3ContentStore(s3Client(properties.s3()), requireBucket(properties.s3()));
        };
    }

    @Bean
    BodySizeLimitFilter.LargerLimit uploadBodyLimit(DocumentProperties properties) {
        return new BodySizeLimitFilter.LargerLimit("/api/documents/**", uploadRequestLimit(properties));
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

    static S3Client s3Client(DocumentProperties.S3 s3) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(s3.region()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .forcePathStyle(s3.pathStyle())
                // S3-compatible stores do not all know the SDK's newer default checksums
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (s3.endpoint() != null && !s3.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(s3.endpoint()));
        }
        return builder.build();
    }

    private static String requireBucket(DocumentProperties.S3 s3) {
        if (s3.bucket() == null || s3.bucket().isBlank()) {
            throw new IllegalStateException("aic.documents.s3.bucket (AIC_DOCUMENTS_S3_BUCKET) must be set for the s3 store");
        }
        return s3.bucket();
    }
}
