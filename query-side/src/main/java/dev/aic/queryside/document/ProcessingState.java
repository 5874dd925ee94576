package dev.aic.queryside.document;

/** Where processing the current version of a document stands, as its uploader watches it. */
enum ProcessingState {
    /** uploaded (or sent for reprocessing); the ai-worker has not started on it yet */
    QUEUED,
    /** the ai-worker is extracting the text */
    EXTRACTING,
    /** chunks are being embedded; {@code chunksEmbedded} counts them */
    EMBEDDING,
    /** every chunk is stored: the version is searchable */
    INDEXED,
    /**
     * processing gave up; the reason says why and {@code POST /api/documents/{id}/reprocess}
     * retries
     */
    FAILED;

    /** No change follows without a new version or a reprocessing request. */
    boolean settled() {
        return this == INDEXED || this == FAILED;
    }
}
