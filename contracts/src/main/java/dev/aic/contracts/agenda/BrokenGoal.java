package dev.aic.contracts.agenda;

import java.util.UUID;

/**
 * A soft goal a proposal misses, explained: which goal, the session (and the other one, when two
 * collide), what it costs in the soft score, and why in words an organiser reads.
 */
public record BrokenGoal(
        String goal, UUID sessionId, UUID otherSessionId, long penalty, String explanation) {}
