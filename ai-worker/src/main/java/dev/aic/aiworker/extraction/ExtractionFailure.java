package dev.aic.aiworker.extraction;

/** Why a document yields no text: each is reported to the uploader, none is retried with the same bytes. */
public enum ExtractionFailure {
    /** Not one of the document formats the knowledge hub reads (an image, an archive, unknown bytes). */
    UNSUPPORTED_TYPE,
    /** More bytes than {@code aic.extraction.max-bytes}. */
    TOO_LARGE,
    /** More text than {@code aic.extraction.max-characters}. */
    TOO_MUCH_TEXT,
    /**
     * Small as a file, too large once unpacked: more pages or slides than {@code aic.extraction.max-pages}, more
     * text per byte than {@code aic.extraction.max-compression-ratio} (a zip bomb), or more memory than the
     * extraction process has ({@code aic.extraction.process.heap}).
     */
    TOO_LARGE_WHEN_EXTRACTED,
    /** Elements or entities nested deeper than {@code aic.extraction.max-depth} (or than the parser's stack). */
    TOO_DEEPLY_NESTED,
    /** Still extracting after {@code aic.extraction.timeout}; the extraction process was stopped. */
    EXTRACTION_TIMEOUT,
    /** The extraction process ended without a result (a crash in the parser); the worker itself is unharmed. */
    EXTRACTION_CRASHED,
    /** Readable, but without text: a scanned PDF (see {@link ScannedDocumentException}), an empty file. */
    NO_TEXT,
    /** Protected by a password. */
    ENCRYPTED,
    /** Not a valid file of its type: truncated, damaged, or only pretending to be the type. */
    CORRUPT
}
