package dev.aic.aiworker.extraction;

import dev.aic.contracts.document.ProcessingFailureReason;

/** A document that cannot give text, with the reason, typed; the message says it for people. */
public class ExtractionFailedException extends RuntimeException {

    private final ProcessingFailureReason reason;

    ExtractionFailedException(ProcessingFailureReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    ExtractionFailedException(ProcessingFailureReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public ProcessingFailureReason reason() {
        return reason;
    }
}
