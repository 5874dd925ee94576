package dev.aic.queryside.projection;

/** What a projection's processor is doing, as far as this instance of the service can tell. */
enum ProjectionStatus {
    /** Processing events it has not caught up with yet. */
    RUNNING,
    /** At the head of the event store, waiting for new events. */
    CAUGHT_UP,
    /** Processing the event store again after a reset (a rebuild). */
    REPLAYING,
    /** Stopped by a failure it retries with back-off: see the error. */
    ERROR,
    /**
     * No segment runs in this instance: another instance holds it, or the processor is stopped
     * here.
     */
    NOT_CLAIMED_HERE
}
