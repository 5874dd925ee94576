package dev.aic.aiworker.extraction;

/** A document that cannot give text, with the reason, typed; the message says it for people. */
public class ExtractionFailedException extends RuntimeException {

    private final ExtractionFailure reason;

    ExtractionFailedException(ExtractionFailure reason, String message) {
        super(message);
        this.reason = reason;
    }

    ExtractionFailedException(ExtractionFailure reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public ExtractionFailure reason() {
        return reason;
    }
}
