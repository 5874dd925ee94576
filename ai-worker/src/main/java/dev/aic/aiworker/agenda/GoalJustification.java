package dev.aic.aiworker.agenda;

import ai.timefold.solver.core.api.score.stream.ConstraintJustification;
import java.util.UUID;

/**
 * Why a constraint matched, in words an organiser reads, and the sessions concerned (either may be
 * null).
 */
record GoalJustification(UUID sessionId, UUID otherSessionId, String explanation)
        implements ConstraintJustification {}
