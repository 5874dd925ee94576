package dev.aic.contracts.agenda;

import java.util.UUID;

/** Where and when a session takes place. */
public record Placement(UUID sessionId, UUID slotId, UUID roomId) {}
