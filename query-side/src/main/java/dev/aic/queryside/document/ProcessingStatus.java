package dev.aic.queryside.document;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** How far the newest processing run of a document's current version has come. */
record ProcessingStatus(
        @Schema(description = "the content version being processed: the document's current version")
        int documentVersion,
        ProcessingState status,
        @Schema(description = "chunks with their vector so far") int chunksEmbedded,
        @Schema(description = "the version's chunks in all, once INDEXED") Integer chunkCount,
        @Schema(description = "the embedding model's name, e.g. all-minilm-l6-v2; absent while QUEUED") String model,
        @Schema(description = "when FAILED: NO_TEXT, UNSUPPORTED_TYPE, TOO_LARGE, TOO_MUCH_TEXT,"
                + " TOO_LARGE_WHEN_EXTRACTED, TOO_DEEPLY_NESTED, EXTRACTION_TIMEOUT, EXTRACTION_CRASHED, ENCRYPTED,"
                + " CORRUPT, CONTENT_MISSING, CONTENT_MISMATCH, WORKER_CRASHED or PROCESSING_ERROR") String failureReason,
        @Schema(description = "when FAILED: what happened, for people") String failureDetail,
        Instant startedAt,
        Instant updatedAt) {

    static ProcessingStatus queued(int documentVersion) {
        return new ProcessingStatus(documentVersion, ProcessingState.QUEUED, 0, null, null, null, null, null, null);
    }
}
