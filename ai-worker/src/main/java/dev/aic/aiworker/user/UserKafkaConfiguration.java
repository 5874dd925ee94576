package dev.aic.aiworker.user;

import dev.aic.messaging.PoisonRecordException;
import dev.aic.contracts.integration.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What happens to a user record or an agenda solve request that fails: retried twice a second apart, then parked
 * in its topic's dead-letter topic ({@link Topics#USERS_DEAD_LETTER}, {@link Topics#AGENDA_SOLVE_REQUESTS_DEAD_LETTER})
 * with Spring's exception headers; unreadable records and records that took the
 * worker down ({@link PoisonRecordException}) are parked at once. Spring Boot gives this handler to the default
 * listener container, which {@link MemberRegistrationListener} and the agenda's solve listener use.
 */
@Configuration(proxyBeanMethods = false)
class UserKafkaConfiguration {

    @Bean
    CommonErrorHandler userRecordErrors(KafkaTemplate<String, String> kafka) {
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafka,
                // every topic's dead letters go to the topic's name with ".dlt": this handler is the default
                // container factory's, which the agenda's solve requests use as well
                (record, exception) -> new TopicPartition(record.topic() + ".dlt", -1));
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, new FixedBackOff(1_000, 2));
        handler.addNotRetryableExceptions(IllegalArgumentException.class, PoisonRecordException.class);
        // with manual acknowledgement the container does not commit a recovered record by itself
        handler.setCommitRecovered(true);
        return handler;
    }

    @Bean
    NewTopic usersDeadLetterTopic(
            @Value("${aic.documents.processing.topics.replication-factor:1}") int replicationFactor) {
        return TopicBuilder.name(Topics.USERS_DEAD_LETTER).partitions(1).replicas(replicationFactor).build();
    }

    @Bean
    NewTopic agendaSolveRequestsDeadLetterTopic(
            @Value("${aic.documents.processing.topics.replication-factor:1}") int replicationFactor) {
        return TopicBuilder.name(Topics.AGENDA_SOLVE_REQUESTS_DEAD_LETTER).partitions(1).replicas(replicationFactor)
                .build();
    }
}
