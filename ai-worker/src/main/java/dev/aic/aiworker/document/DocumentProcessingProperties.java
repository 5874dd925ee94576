package dev.aic.aiworker.document;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the ai-worker processes document versions ({@code aic.documents.processing.*}).
 *
 * @param groupId the document listener's consumer group ({@code application.yml} makes it the
 *     ai-worker's own group unless set)
 * @param maxPollInterval the longest a document may take, from fetching its content to its last
 *     report; longer, the broker takes the partition away and the record is processed again
 *     elsewhere
 * @param sendTimeout how long a report may wait for the broker's acknowledgement before it counts
 *     as failed
 * @param concurrency how many documents are processed at once, each consumer with its own
 *     partitions: a document slow to extract holds up only its partition, the others keep being
 *     embedded
 * @param retry the back-off of unexpected failures before a record is parked in the dead-letter
 *     topic
 * @param reembedding the background job that re-embeds the corpus after a model switch
 * @param topics partitions and replicas of the topics the ai-worker creates (the agenda's too)
 */
@ConfigurationProperties("aic.documents.processing")
public record DocumentProcessingProperties(
        String groupId,
        @DefaultValue("15m") Duration maxPollInterval,
        @DefaultValue("30s") Duration sendTimeout,
        @DefaultValue("2") int concurrency,
        @DefaultValue Retry retry,
        @DefaultValue Reembedding reembedding,
        @DefaultValue Topics topics) {

    /**
     * Exponential back-off: {@code initialInterval}, then times {@code multiplier}, at most {@code
     * maxInterval}, {@code maxRetries} times after the first attempt.
     */
    record Retry(
            @DefaultValue("1s") Duration initialInterval,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("30s") Duration maxInterval,
            @DefaultValue("4") int maxRetries) {}

    /**
     * @param enabled whether the job runs on its own; off, it runs only when called
     * @param initialDelay after start-up, before the first run
     * @param interval between the end of one run and the start of the next
     */
    record Reembedding(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("30s") Duration initialDelay,
            @DefaultValue("5m") Duration interval) {}

    /**
     * @param partitions of the reports topic; the dead-letter topic gets the same
     */
    public record Topics(
            @DefaultValue("3") int partitions, @DefaultValue("1") int replicationFactor) {}
}
