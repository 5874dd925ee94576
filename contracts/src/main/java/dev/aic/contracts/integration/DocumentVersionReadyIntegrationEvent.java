package dev.aic.contracts.integration;

import java.util.UUID;

/**
 * A document version's content is in object storage and may be processed: fetch it by {@code
 * storageKey} and check it against {@code sha256}. A consumer keys its work on (documentId,
 * version).
 */
public record DocumentVersionReadyIntegrationEvent(
        UUID documentId,
        int version,
        String contentType,
        String sha256,
        String storageKey,
        long sizeBytes)
        implements DocumentIntegrationEvent {}
