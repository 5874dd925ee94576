package dev.aic.contracts.integration;

import dev.aic.contracts.document.EmbeddedChunk;
import dev.aic.contracts.document.EmbeddingModel;
import dev.aic.contracts.document.ProcessingFailureReason;
import java.util.List;
import java.util.UUID;

/**
 * What the ai-worker reports about processing a document version, published on {@link
 * Topics#DOCUMENT_PROCESSING} (key: document id, so a version's reports stay in order) for the
 * command-side to record as events. Reports may be delivered more than once; recording them is
 * idempotent.
 */
public sealed interface DocumentProcessingReport {

    UUID documentId();

    int version();

    EmbeddingModel model();

    /** Processing of the version with the model began. */
    record Started(UUID documentId, int version, EmbeddingModel model)
            implements DocumentProcessingReport {}

    /** One embedding batch of chunks with their vectors. */
    record Embedded(UUID documentId, int version, EmbeddingModel model, List<EmbeddedChunk> chunks)
            implements DocumentProcessingReport {}

    /** All {@code chunkCount} chunks were reported. */
    record Completed(UUID documentId, int version, EmbeddingModel model, int chunkCount)
            implements DocumentProcessingReport {}

    /** The version cannot be processed. */
    record Failed(
            UUID documentId,
            int version,
            EmbeddingModel model,
            ProcessingFailureReason reason,
            String detail)
            implements DocumentProcessingReport {}
}
