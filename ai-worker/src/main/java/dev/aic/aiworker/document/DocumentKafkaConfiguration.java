package dev.aic.aiworker.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.aic.content.ContentStoreConfiguration;
import dev.aic.contracts.integration.Topics;
import dev.aic.messaging.PoisonRecordException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.autoconfigure.kafka.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * The document listener's own container: one record per poll with a long poll interval, manual
 * acknowledgement committed at once, and an error handler that retries unexpected failures with
 * exponential back-off, then reports the version failed and parks the record in {@link
 * Topics#DOCUMENTS_DEAD_LETTER} with Spring's exception headers. The other listeners keep Boot's
 * default container.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DocumentProcessingProperties.class)
@Import(ContentStoreConfiguration.class)
class DocumentKafkaConfiguration {

    static final String LISTENER_FACTORY = "documentListenerContainerFactory";

    @Bean(LISTENER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> documentListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            ConsumerFactory<Object, Object> consumers,
            KafkaTemplate<String, String> kafka,
            FailedProcessingReporter failures,
            DocumentProcessingProperties properties) {
        Map<String, Object> consumer = new HashMap<>(consumers.getConfigurationProperties());
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        consumer.put(
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
                (int) properties.maxPollInterval().toMillis());
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, new DefaultKafkaConsumerFactory<>(consumer));
        // each consumer takes its own partitions: a document slow to extract holds up only the
        // documents behind it
        factory.setConcurrency(properties.concurrency());
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL_IMMEDIATE);
        factory.setCommonErrorHandler(errorHandler(kafka, failures, properties.retry()));
        return factory;
    }

    private static DefaultErrorHandler errorHandler(
            KafkaTemplate<String, String> kafka,
            FailedProcessingReporter failures,
            DocumentProcessingProperties.Retry retry) {
        // partition -1: the producer picks it by key, so the dead-letter topic needs no more
        // partitions than the input
        DeadLetterPublishingRecoverer deadLetters =
                new DeadLetterPublishingRecoverer(
                        kafka,
                        (record, exception) ->
                                new TopicPartition(Topics.DOCUMENTS_DEAD_LETTER, -1));
        ExponentialBackOffWithMaxRetries backOff =
                new ExponentialBackOffWithMaxRetries(retry.maxRetries());
        backOff.setInitialInterval(retry.initialInterval().toMillis());
        backOff.setMultiplier(retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        DefaultErrorHandler handler =
                new DefaultErrorHandler(
                        (record, exception) -> {
                            failures.report(record, exception);
                            deadLetters.accept(record, exception);
                        },
                        backOff);
        handler.addNotRetryableExceptions(
                JsonProcessingException.class,
                DocumentListener.MalformedRecordException.class,
                PoisonRecordException.class);
        // with manual acknowledgement the container does not commit a recovered record by itself
        handler.setCommitRecovered(true);
        return handler;
    }

    /** The ai-worker publishes the reports, so it creates their topic; keyed by document id. */
    @Bean
    NewTopic documentProcessingTopic(DocumentProcessingProperties properties) {
        return TopicBuilder.name(Topics.DOCUMENT_PROCESSING)
                .partitions(properties.topics().partitions())
                .replicas(properties.topics().replicationFactor())
                .build();
    }

    @Bean
    NewTopic documentsDeadLetterTopic(DocumentProcessingProperties properties) {
        return TopicBuilder.name(Topics.DOCUMENTS_DEAD_LETTER)
                .partitions(properties.topics().partitions())
                .replicas(properties.topics().replicationFactor())
                .build();
    }
}
