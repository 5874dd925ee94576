package dev.aic.messaging;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * What a service consuming Kafka gets: the health indicator {@code kafkaListeners}, which its
 * liveness group includes, and, where it has a database, its {@link DeliveryAttempts}.
 */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, JdbcTemplateAutoConfiguration.class})
@ConditionalOnBean(KafkaListenerEndpointRegistry.class)
@EnableConfigurationProperties(ConsumerProperties.class)
public class MessagingAutoConfiguration {

    @Bean
    KafkaListenersHealthIndicator kafkaListenersHealthIndicator(
            KafkaListenerEndpointRegistry registry) {
        return new KafkaListenersHealthIndicator(registry);
    }

    @Bean
    @ConditionalOnBean(JdbcTemplate.class)
    DeliveryAttempts deliveryAttempts(JdbcTemplate jdbc, ConsumerProperties properties) {
        return new DeliveryAttempts(jdbc, properties.maxCrashes());
    }
}
