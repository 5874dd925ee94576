package dev.aic.commandside.integration;

import dev.aic.contracts.integration.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The command-side owns the integration topics it publishes to and creates them at start-up,
 * together with the topics of the reports it consumes and their dead letters.
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

    @Bean
    NewTopic usersTopic(TopicProperties topics) {
        return TopicBuilder.name(Topics.USERS)
                .partitions(topics.partitions())
                .replicas(topics.replicationFactor())
                .build();
    }

    /** Keyed by document id, so the versions and the deletion of one document stay in order. */
    @Bean
    NewTopic documentsTopic(TopicProperties topics) {
        return TopicBuilder.name(Topics.DOCUMENTS)
                .partitions(topics.partitions())
                .replicas(topics.replicationFactor())
                .build();
    }

    /**
     * The ai-worker publishes its processing reports here and the command-side records them;
     * declared by both, whichever starts first creates it. Keyed by document id, so one document's
     * reports stay in order.
     */
    @Bean
    NewTopic documentProcessingTopic(TopicProperties topics) {
        return TopicBuilder.name(Topics.DOCUMENT_PROCESSING)
                .partitions(topics.partitions())
                .replicas(topics.replicationFactor())
                .build();
    }

    /** Agendas to solve, keyed by agenda id. */
    @Bean
    NewTopic agendaSolveRequestsTopic(TopicProperties topics) {
        return TopicBuilder.name(Topics.AGENDA_SOLVE_REQUESTS)
                .partitions(topics.partitions())
                .replicas(topics.replicationFactor())
                .build();
    }

    /**
     * The ai-worker's progress and proposals, keyed by agenda id; declared by both, like the
     * processing reports.
     */
    @Bean
    NewTopic agendaSolveReportsTopic(TopicProperties topics) {
        return TopicBuilder.name(Topics.AGENDA_SOLVE_REPORTS)
                .partitions(topics.partitions())
                .replicas(topics.replicationFactor())
                .build();
    }

    /** Where the command-side parks a processing report that took it down too often. */
    @Bean
    NewTopic documentProcessingDeadLetterTopic(TopicProperties topics) {
        return TopicBuilder.name(Topics.DOCUMENT_PROCESSING_DEAD_LETTER)
                .partitions(1)
                .replicas(topics.replicationFactor())
                .build();
    }

    /** Where the command-side parks an agenda solve report that took it down too often. */
    @Bean
    NewTopic agendaSolveReportsDeadLetterTopic(TopicProperties topics) {
        return TopicBuilder.name(Topics.AGENDA_SOLVE_REPORTS_DEAD_LETTER)
                .partitions(1)
                .replicas(topics.replicationFactor())
                .build();
    }

    /**
     * {@code aic.kafka.topics}: the partitions and replicas of every topic the command-side
     * declares.
     */
    @ConfigurationProperties("aic.kafka.topics")
    record TopicProperties(
            @DefaultValue("4") int partitions, @DefaultValue("1") int replicationFactor) {}
}
