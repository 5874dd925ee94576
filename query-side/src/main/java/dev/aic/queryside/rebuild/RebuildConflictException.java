package dev.aic.queryside.rebuild;

/** The request does not fit the rebuild's state: one already runs, or there is none to cancel or swap. */
class RebuildConflictException extends RuntimeException {

    RebuildConflictException(String message) {
        super(message);
    }
}
