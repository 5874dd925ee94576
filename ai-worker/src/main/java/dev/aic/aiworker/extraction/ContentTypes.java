package dev.aic.aiworker.extraction;

import org.apache.tika.Tika;

/**
 * The real media type of uploaded bytes, from their magic numbers and container structure (Tika's
 * detectors), never from what a client claims. The file name only decides between types the bytes
 * cannot tell apart, such as Markdown and plain text.
 */
public final class ContentTypes {

    private static final Tika TIKA = new Tika();

    private ContentTypes() {}

    /**
     * The media type of the bytes, without parameters: {@code application/pdf}, {@code
     * text/x-web-markdown}, {@code image/png}; {@code application/octet-stream} when nothing is
     * recognised.
     *
     * @param filename the uploaded file's name, or {@code null}
     */
    public static String detect(byte[] bytes, String filename) {
        return TIKA.detect(bytes, filename);
    }
}
