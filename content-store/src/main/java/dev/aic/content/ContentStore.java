package dev.aic.content;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Object storage for document content, addressed by key. The filesystem store is the default; any
 * S3-compatible store in production ({@code aic.content.store}). Deleting a missing key is not an
 * error, so a delete may be repeated. Only the command-side writes; readers depend on {@link
 * ContentReader}.
 */
public interface ContentStore extends ContentReader {

    /** Keys are relative paths of safe characters: {@code documents/<id>/<uuid>}. */
    Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*");

    /** Stores the file's bytes under the key, replacing what was there. */
    void put(String key, Path content, String contentType);

    void delete(String key);

    static String requireValidKey(String key) {
        if (key == null
                || key.length() > 512
                || !KEY.matcher(key).matches()
                || key.contains("..")) {
            throw new IllegalArgumentException("Invalid content key: " + key);
        }
        return key;
    }

    /** Nothing is stored under a key. */
    class NoSuchContentException extends RuntimeException {

        public NoSuchContentException(String key) {
            super("No content stored under " + key);
        }
    }
}
