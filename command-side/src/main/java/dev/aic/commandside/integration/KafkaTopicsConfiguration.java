package dev.aic.commandside.integration;

import dev.aic.contracts.integration.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The command-side owns the integration topics it publishes to and creates them at start-up. */
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

    @ConfigurationProperties("aic.kafka.topics")
    record TopicProperties(int partitions, int replicationFactor) {
    }
}
