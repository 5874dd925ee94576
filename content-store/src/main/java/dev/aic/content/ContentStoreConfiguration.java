package dev.aic.content;

import java.net.URI;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The {@link ContentStore} that {@code aic.content.store} names; imported by the services that need
 * one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ContentStoreProperties.class)
public class ContentStoreConfiguration {

    @Bean
    ContentStore contentStore(ContentStoreProperties properties) {
        return switch (properties.store()) {
            case FILESYSTEM -> new FilesystemContentStore(properties.directory());
            case S3 ->
                    new S3ContentStore(s3Client(properties.s3()), requireBucket(properties.s3()));
        };
    }

    public static S3Client s3Client(ContentStoreProperties.S3 s3) {
        S3ClientBuilder builder =
                S3Client.builder()
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

    private static String requireBucket(ContentStoreProperties.S3 s3) {
        if (s3.bucket() == null || s3.bucket().isBlank()) {
            throw new IllegalStateException(
                    "aic.content.s3.bucket (AIC_DOCUMENTS_S3_BUCKET) must be set for the s3 store");
        }
        return s3.bucket();
    }
}
