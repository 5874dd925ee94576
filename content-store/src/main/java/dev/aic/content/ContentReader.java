package dev.aic.content;

import java.io.InputStream;

/**
 * Reading document content by key, all a reader of uploads may do: the ai-worker extracts from it
 * and the query-side serves it to readers. Both are granted only this much (a read-only volume, an
 * IAM role with {@code s3:GetObject}), so the interface says it too.
 */
public interface ContentReader {

    /**
     * @throws ContentStore.NoSuchContentException when nothing is stored under the key
     */
    InputStream get(String key);

    /**
     * {@code length} bytes from {@code offset} on, for a range request: the store reads only those
     * (a file from that position, an S3 ranged GET), so a page of a large PDF costs a page. A range
     * past the end is cut short.
     *
     * @throws ContentStore.NoSuchContentException when nothing is stored under the key
     */
    InputStream get(String key, long offset, long length);

    boolean exists(String key);

    static void requireValidRange(long offset, long length) {
        if (offset < 0 || length < 1 || offset > Long.MAX_VALUE - length) {
            throw new IllegalArgumentException(
                    "Invalid range: " + length + " bytes from " + offset);
        }
    }
}
