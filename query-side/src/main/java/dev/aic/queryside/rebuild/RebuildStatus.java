package dev.aic.queryside.rebuild;

import java.time.Instant;

/**
 * A projection's latest rebuild as clients see it.
 *
 * @param state IDLE (never rebuilt), RUNNING, DIFFERS (caught up, but the comparison with the live
 *     model found differences: swapped only when forced), SWAPPED or CANCELLED
 * @param eventsDone the event position the rebuilt model has reached
 * @param eventsTotal the position of the newest event in the store
 * @param eventsPerSecond the recent rebuild rate, when this instance runs the rebuild processor
 * @param etaSeconds how long until the rebuild catches up at that rate
 */
public record RebuildStatus(
        String projection,
        String state,
        Instant startedAt,
        Instant finishedAt,
        Long eventsDone,
        long eventsTotal,
        Double eventsPerSecond,
        Long etaSeconds,
        Comparison comparison,
        String detail) {}
