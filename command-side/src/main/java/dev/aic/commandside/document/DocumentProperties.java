package dev.aic.commandside.document;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code aic.documents}: where content is stored and how large an upload may be.
 *
 * @param store      {@code filesystem} (default) or {@code s3}
 * @param maxBytes   the largest file accepted (50 MB); larger uploads are answered 413
 * @param directory  root of the filesystem store
 * @param s3         the bucket of the S3 store; credentials come from the SDK's default provider chain
 */
@ConfigurationProperties("aic.documents")
record DocumentProperties(@DefaultValue("filesystem") Store store, @DefaultValue("50MB") DataSize maxBytes,
                          @DefaultValue(".local/content") Path directory, @DefaultValue S3 s3) {

    enum Store { FILESYSTEM, S3 }

    /**
     * @param endpoint  only for S3-compatible stores (MinIO, Ceph...); unset for Amazon S3
     * @param pathStyle {@code bucket} in the path rather than the host name, as most S3-compatible stores need
     */
    record S3(String bucket, @DefaultValue("us-east-1") String region, String endpoint,
              @DefaultValue("false") boolean pathStyle) {
    }
}
