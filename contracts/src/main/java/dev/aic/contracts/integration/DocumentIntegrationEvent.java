package dev.aic.contracts.integration;

import java.util.UUID;

/** Document facts for the ai-worker and other consumers, published on {@link Topics#DOCUMENTS}. */
public sealed interface DocumentIntegrationEvent
        permits DocumentVersionReadyIntegrationEvent, DocumentDeletedIntegrationEvent {

    UUID documentId();
}
