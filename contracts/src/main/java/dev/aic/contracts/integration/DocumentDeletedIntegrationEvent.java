package dev.aic.contracts.integration;

import java.util.UUID;

/** A document was deleted: drop everything derived from any of its versions. */
public record DocumentDeletedIntegrationEvent(UUID documentId)
        implements DocumentIntegrationEvent {}
