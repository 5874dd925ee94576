package dev.aic.commandside.document;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code aic.documents}: uploads, the document's snapshots and the recording of the ai-worker's
 * reports. Where content is stored is {@code aic.content} ({@link
 * dev.aic.content.ContentStoreProperties}).
 *
 * @param maxBytes the largest file accepted (50 MB); larger uploads are answered 413
 * @param maxUploads uploads received at once by this instance, all members together: each may hold
 *     up to {@code maxBytes} of temporary disk (a pod has 256 Mi), so 4 by default
 * @param maxUploadsPerMember uploads one member may send at once (2); more are answered 429 at once
 * @param snapshotThreshold how many events one command may read or append before the document's
 *     next snapshot is taken ({@link DocumentSnapshots}); lower than a community event's: a
 *     document's events are fewer but far larger
 * @param processingReports how long a report that fails to be recorded is retried before it is
 *     skipped
 */
@ConfigurationProperties("aic.documents")
record DocumentProperties(
        @DefaultValue("50MB") DataSize maxBytes,
        @DefaultValue("4") int maxUploads,
        @DefaultValue("2") int maxUploadsPerMember,
        @DefaultValue("20") int snapshotThreshold,
        @DefaultValue ProcessingReports processingReports) {

    DocumentProperties {
        if (snapshotThreshold < 1) {
            throw new IllegalArgumentException(
                    "aic.documents.snapshot-threshold must be at least 1");
        }
    }

    /**
     * {@code aic.documents.processing-reports}.
     *
     * @param groupId the reports' consumer group ({@link DocumentProcessingReports}): the
     *     command-side's instances share them
     * @param initialInterval the first wait, doubled after every attempt
     * @param maxInterval the longest single wait; below Kafka's {@code max.poll.interval.ms} (5
     *     minutes)
     * @param maxElapsed the total waiting after which the report is given up
     */
    record ProcessingReports(
            @DefaultValue("command-side-documents") String groupId,
            @DefaultValue("500ms") Duration initialInterval,
            @DefaultValue("30s") Duration maxInterval,
            @DefaultValue("5m") Duration maxElapsed) {}
}
