package dev.aic.contracts.integration;

import java.time.Instant;
import java.util.UUID;

/**
 * A member registered. Published on {@link Topics#USERS}. It names the member by id only: the
 * display name it carried until issue 22 was read by no consumer, and personal data nobody needs
 * does not go on a topic (records published before still hold it until the topic's retention
 * deletes them; readers ignore the field).
 */
public record UserRegisteredIntegrationEvent(UUID userId, Instant registeredAt)
        implements UserIntegrationEvent {}
