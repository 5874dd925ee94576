package dev.aic.aiworker.document;

import dev.aic.contracts.integration.DocumentVersionReadyIntegrationEvent;
import java.util.UUID;

/**
 * A version of a document the ai-worker was told about: where its content is and what it must look
 * like.
 */
record DocumentVersion(
        UUID documentId,
        int version,
        String contentType,
        String sha256,
        String storageKey,
        long sizeBytes) {

    static DocumentVersion of(DocumentVersionReadyIntegrationEvent event) {
        return new DocumentVersion(
                event.documentId(),
                event.version(),
                event.contentType(),
                event.sha256(),
                event.storageKey(),
                event.sizeBytes());
    }

    @Override
    public String toString() {
        return documentId + " v" + version;
    }
}
