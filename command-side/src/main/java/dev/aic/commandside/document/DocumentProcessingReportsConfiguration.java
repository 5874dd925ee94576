package dev.aic.commandside.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.aic.contracts.integration.Topics;
import dev.aic.messaging.PoisonRecordException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * What happens when recording a report fails. A transient failure (the database, a completion whose
 * last batch is not recorded yet) is retried with exponential back-off; the partition waits
 * meanwhile, so a document's reports stay in order. A report that can never be recorded
 * (unreadable, or refused by the document as malformed) is logged and skipped at once, and so is
 * one still failing when the back-off is used up: one broken report must not stop every document
 * behind it. A report that took the command-side down too often ({@link PoisonRecordException}) is
 * parked in its topic's dead-letter topic ({@link Topics#DOCUMENT_PROCESSING_DEAD_LETTER}; the
 * agenda's solve reports, which share this handler, {@link
 * Topics#AGENDA_SOLVE_REPORTS_DEAD_LETTER}).
 */
@Configuration(proxyBeanMethods = false)
class DocumentProcessingReportsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DocumentProcessingReports.class);

    /**
     * Spring Boot gives the bean to the listener container factory that {@link
     * DocumentProcessingReports} uses.
     */
    @Bean
    CommonErrorHandler documentProcessingReportErrors(
            DocumentProperties properties, KafkaTemplate<String, String> kafka) {
        DocumentProperties.ProcessingReports policy = properties.processingReports();
        ExponentialBackOff backOff =
                new ExponentialBackOff(policy.initialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(policy.maxInterval().toMillis());
        backOff.setMaxElapsedTime(policy.maxElapsed().toMillis());
        DeadLetterPublishingRecoverer deadLetters =
                new DeadLetterPublishingRecoverer(
                        kafka,
                        // the topic's own: the agenda's solve reports share this handler (the
                        // default container factory's)
                        (record, e) -> new TopicPartition(record.topic() + ".dlt", -1));
        DefaultErrorHandler handler =
                new DefaultErrorHandler(
                        (record, e) -> {
                            if (e.getCause() instanceof PoisonRecordException
                                    || e instanceof PoisonRecordException) {
                                deadLetters.accept(record, e);
                                return;
                            }
                            log.atError()
                                    .addKeyValue("topic", record.topic())
                                    .addKeyValue("partition", record.partition())
                                    .addKeyValue("offset", record.offset())
                                    .addKeyValue("key", record.key())
                                    .setCause(e)
                                    .log("Processing report could not be recorded and is skipped");
                        },
                        backOff);
        handler.addNotRetryableExceptions(
                IllegalArgumentException.class,
                JsonProcessingException.class,
                PoisonRecordException.class);
        // with manual acknowledgement the container does not commit a recovered record by itself
        handler.setCommitRecovered(true);
        return handler;
    }
}
