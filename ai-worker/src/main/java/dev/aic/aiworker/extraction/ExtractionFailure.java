package dev.aic.aiworker.extraction;

/** Why a document yields no text: each is reported to the uploader, none is retried with the same bytes. */
public enum ExtractionFailure {
    /** Not one of the document formats the knowledge hub reads (an image, an archive, unknown bytes). */
    UNSUPPORTED_TYPE,
    /** More bytes than {@code aic.extraction.max-bytes}. */
    TOO_LARGE,
    /** More text than {@code aic.extraction.max-characters}. */
    TOO_MUCH_TEXT,
    /** Readable, but without text: a scanned PDF (see {@link ScannedDocumentException}), an empty file. */
    NO_TEXT,
    /** Protected by a password. */
    ENCRYPTED,
    /** Not a valid file of its type: truncated, damaged, or only pretending to be the type. */
    CORRUPT
}
