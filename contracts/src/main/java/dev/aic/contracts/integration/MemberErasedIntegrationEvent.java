package dev.aic.contracts.integration;

import java.time.Instant;
import java.util.UUID;

/**
 * A member was erased (docs/personal-data.md): a consumer forgets everything it keeps about them,
 * including what it learned of them elsewhere under the id {@link UserRegisteredIntegrationEvent}
 * told it. Published on {@link Topics#USERS}.
 */
public record MemberErasedIntegrationEvent(UUID userId, Instant erasedAt)
        implements UserIntegrationEvent {}
