package dev.aic.queryside.document;

import dev.aic.contracts.document.ProcessingFailureReason;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** How far the newest processing run of a document's current version has come. */
record ProcessingStatus(
        @Schema(description = "the content version being processed: the document's current version")
                int documentVersion,
        ProcessingState status,
        @Schema(description = "chunks with their vector so far") int chunksEmbedded,
        @Schema(description = "the version's chunks in all, once INDEXED") Integer chunkCount,
        @Schema(
                        description =
                                "the embedding model's name, e.g. all-minilm-l6-v2; absent while QUEUED")
                String model,
        @Schema(description = "when FAILED: why (docs/knowledge-hub.md lists the reasons)")
                ProcessingFailureReason failureReason,
        @Schema(description = "when FAILED: what happened, for people") String failureDetail,
        Instant startedAt,
        Instant updatedAt) {

    static ProcessingStatus queued(int documentVersion) {
        return new ProcessingStatus(
                documentVersion, ProcessingState.QUEUED, 0, null, null, null, null, null, null);
    }
}
