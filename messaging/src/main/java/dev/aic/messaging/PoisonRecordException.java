package dev.aic.messaging;

/**
 * A record that took a service down too often: it is parked on the dead-letter topic, never
 * retried.
 */
public class PoisonRecordException extends RuntimeException {

    private final int crashes;

    PoisonRecordException(String record, int crashes) {
        super(
                "Processing "
                        + record
                        + " took the service down "
                        + crashes
                        + " times (out of memory, a native crash"
                        + " or a kill); it is not tried again");
        this.crashes = crashes;
    }

    public int crashes() {
        return crashes;
    }
}
