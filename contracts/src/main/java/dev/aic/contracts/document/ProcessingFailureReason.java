package dev.aic.contracts.document;

/**
 * Why a version of a document could not be processed, as the ai-worker reports it ({@code
 * DocumentProcessingReport .Failed}), the document records it ({@code
 * DocumentEvent.ProcessingFailed}) and the uploader reads it. None is retried with the same bytes;
 * a new reason is added here, and consumers deploy it before the ai-worker reports it.
 */
public enum ProcessingFailureReason {
    /**
     * Not one of the document formats the knowledge hub reads (an image, an archive, unknown
     * bytes).
     */
    UNSUPPORTED_TYPE,
    /** More bytes than the ai-worker's {@code aic.extraction.max-bytes}. */
    TOO_LARGE,
    /** More text than the ai-worker's {@code aic.extraction.max-characters}. */
    TOO_MUCH_TEXT,
    /**
     * Small as a file, too large once unpacked: more pages or slides than {@code
     * aic.extraction.max-pages}, more text per byte than {@code
     * aic.extraction.max-compression-ratio} (a zip bomb), or more memory than the extraction
     * process has ({@code aic.extraction.process.heap}).
     */
    TOO_LARGE_WHEN_EXTRACTED,
    /**
     * Elements or entities nested deeper than {@code aic.extraction.max-depth} (or than the
     * parser's stack).
     */
    TOO_DEEPLY_NESTED,
    /**
     * Still extracting after {@code aic.extraction.timeout}; the extraction process was stopped.
     */
    EXTRACTION_TIMEOUT,
    /**
     * The extraction process ended without a result (a crash in the parser); the worker itself is
     * unharmed.
     */
    EXTRACTION_CRASHED,
    /** Readable, but without text: a scanned PDF, an empty file. */
    NO_TEXT,
    /** Protected by a password. */
    ENCRYPTED,
    /** Not a valid file of its type: truncated, damaged, or only pretending to be the type. */
    CORRUPT,
    /** The content store no longer has the bytes the version names. */
    CONTENT_MISSING,
    /** The bytes in the content store are not the ones uploaded: another size or hash. */
    CONTENT_MISMATCH,
    /** Processing the version took the worker down too often; it is not taken up again. */
    WORKER_CRASHED,
    /** A failure that persisted through the retries. */
    PROCESSING_ERROR
}
