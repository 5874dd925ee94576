package dev.aic.aiworker.agenda;

import dev.aic.aiworker.document.DocumentProcessingProperties;
import dev.aic.contracts.integration.Topics;
import dev.aic.messaging.PoisonRecordException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What happens to an agenda solve request that fails: retried twice a second apart, then parked in
 * {@link Topics#AGENDA_SOLVE_REQUESTS_DEAD_LETTER} with Spring's exception headers; unreadable
 * requests and requests that took the worker down ({@link PoisonRecordException}) are parked at
 * once. Spring Boot gives this handler to the default listener container, which {@link
 * AgendaSolveListener} uses; the document listener has a container of its own.
 */
@Configuration(proxyBeanMethods = false)
class AgendaKafkaConfiguration {

    @Bean
    CommonErrorHandler solveRequestErrors(KafkaTemplate<String, String> kafka) {
        DeadLetterPublishingRecoverer deadLetters =
                new DeadLetterPublishingRecoverer(
                        kafka,
                        // a listener added later on the default container parks its records beside
                        // its own topic, not here
                        (record, exception) -> new TopicPartition(record.topic() + ".dlt", -1));
        DefaultErrorHandler handler =
                new DefaultErrorHandler(deadLetters, new FixedBackOff(1_000, 2));
        handler.addNotRetryableExceptions(
                IllegalArgumentException.class, PoisonRecordException.class);
        // with manual acknowledgement the container does not commit a recovered record by itself
        handler.setCommitRecovered(true);
        return handler;
    }

    @Bean
    NewTopic agendaSolveRequestsDeadLetterTopic(DocumentProcessingProperties properties) {
        return TopicBuilder.name(Topics.AGENDA_SOLVE_REQUESTS_DEAD_LETTER)
                .partitions(1)
                .replicas(properties.topics().replicationFactor())
                .build();
    }
}
