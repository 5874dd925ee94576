package dev.aic.content;

import java.io.InputStream;
import java.nio.file.Path;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Content as objects in one bucket of Amazon S3 or any S3-compatible store (MinIO, Ceph,
 * S3Proxy...).
 */
public class S3ContentStore implements ContentStore {

    private final S3Client s3;
    private final String bucket;

    public S3ContentStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public void put(String key, Path content, String contentType) {
        s3.putObject(
                request ->
                        request.bucket(bucket)
                                .key(ContentStore.requireValidKey(key))
                                .contentType(contentType),
                RequestBody.fromFile(content));
    }

    @Override
    public InputStream get(String key) {
        try {
            return s3.getObject(
                    request -> request.bucket(bucket).key(ContentStore.requireValidKey(key)));
        } catch (NoSuchKeyException e) {
            throw new NoSuchContentException(key);
        }
    }

    @Override
    public InputStream get(String key, long offset, long length) {
        ContentReader.requireValidRange(offset, length);
        // HTTP ranges are inclusive; S3 cuts a range that runs past the end short, as the
        // filesystem store does
        String range = "bytes=" + offset + "-" + (offset + length - 1);
        try {
            return s3.getObject(
                    request ->
                            request.bucket(bucket)
                                    .key(ContentStore.requireValidKey(key))
                                    .range(range));
        } catch (NoSuchKeyException e) {
            throw new NoSuchContentException(key);
        }
    }

    @Override
    public boolean exists(String key) {
        try {
            s3.headObject(request -> request.bucket(bucket).key(ContentStore.requireValidKey(key)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void delete(String key) {
        // S3 answers a delete of a missing key with success too
        s3.deleteObject(request -> request.bucket(bucket).key(ContentStore.requireValidKey(key)));
    }
}
