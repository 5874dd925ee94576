package dev.aic.contracts.integration;

import java.time.Instant;
import java.util.UUID;

/** A member registered. Published on {@link Topics#USERS}. */
public record UserRegisteredIntegrationEvent(UUID userId, String displayName, Instant registeredAt)
        implements UserIntegrationEvent {
}
