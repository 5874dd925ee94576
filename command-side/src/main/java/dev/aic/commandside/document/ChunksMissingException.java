package dev.aic.commandside.document;

import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.document.EmbeddingModel;

/**
 * A completion was reported before every chunk it counts was recorded: batches are missing or still
 * on their way. Nothing is recorded; the report is retried with back-off, and a completion whose
 * batches never come is given up on (logged) rather than recorded.
 */
class ChunksMissingException extends IllegalStateException {

    ChunksMissingException(
            DocumentId id, int version, EmbeddingModel model, int chunkCount, int recorded) {
        super(
                "Processing of version "
                        + version
                        + " of document "
                        + id
                        + " with "
                        + model.name()
                        + " ("
                        + model.fingerprint()
                        + ") reported "
                        + chunkCount
                        + " chunks complete, but "
                        + recorded
                        + " of them are recorded");
    }
}
