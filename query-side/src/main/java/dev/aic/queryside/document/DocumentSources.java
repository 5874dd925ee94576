package dev.aic.queryside.document;

import java.util.UUID;

/** Links to a document's original bytes, as search hits and citations carry them. */
public final class DocumentSources {

    private DocumentSources() {}

    /**
     * The path (relative to the query-side's base URL) of a content version, with {@code #page=N}
     * when the passage is on a PDF page (RFC 8118; PDF viewers open at that page). Chunks carry a
     * page only for PDFs.
     */
    public static String of(UUID documentId, int version, Integer page) {
        String path = "/api/documents/" + documentId + "/content?version=" + version;
        return page == null ? path : path + "#page=" + page;
    }
}
