package dev.aic.content;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code aic.content}: where document content is stored. The command-side writes it; the ai-worker
 * and the query-side only read it. Its own prefix, apart from each service's {@code aic.documents}:
 * the three services bind it alike.
 *
 * @param store {@code filesystem} (default) or {@code s3}
 * @param directory root of the filesystem store
 * @param s3 the bucket of the S3 store; credentials come from the SDK's default provider chain
 */
@ConfigurationProperties("aic.content")
public record ContentStoreProperties(
        @DefaultValue("filesystem") Store store,
        @DefaultValue(".local/content") Path directory,
        @DefaultValue S3 s3) {

    public enum Store {
        FILESYSTEM,
        S3
    }

    /**
     * @param endpoint only for S3-compatible stores (MinIO, Ceph...); unset for Amazon S3
     * @param pathStyle {@code bucket} in the path rather than the host name, as most S3-compatible
     *     stores need
     */
    public record S3(
            String bucket,
            @DefaultValue("us-east-1") String region,
            String endpoint,
            @DefaultValue("false") boolean pathStyle) {}
}
