package dev.aic.queryside.document;

import dev.aic.contracts.document.ProcessingFailureReason;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Documents whose current version could not be processed: the dead letters an administrator
 * retries.
 */
record ProcessingFailures(List<Failure> items) {

    /** The newest run of a document's current version, which failed. */
    record Failure(
            UUID documentId,
            String title,
            UUID owner,
            int documentVersion,
            String model,
            ProcessingFailureReason reason,
            String detail,
            Instant startedAt,
            Instant failedAt) {}
}
