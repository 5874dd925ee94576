package dev.aic.contracts.agenda;

import java.util.UUID;

/**
 * A hard rule a placement breaks; {@code conflictingSessionId} names the other session when two
 * collide.
 */
public record Conflict(HardRule rule, UUID sessionId, UUID conflictingSessionId, String detail) {}
