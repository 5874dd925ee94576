package dev.aic.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aic.testsupport.RealInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real listener container on the local broker, in a service configured as the command-side and
 * the ai-worker are: liveness includes {@code kafkaListeners}. An {@link Error} in a listener stops
 * its container for good; liveness must say so, while an ordinary failure or a stop on purpose must
 * not.
 */
@SpringBootTest(
        classes = KafkaListenersHealthIT.FragileConsumer.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "management.endpoint.health.probes.enabled=true",
            "management.endpoint.health.group.liveness.include=livenessState,kafkaListeners",
            "spring.kafka.consumer.auto-offset-reset=earliest"
        })
@ContextConfiguration(initializers = RealInfrastructure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaListenersHealthIT {

    private static final String TOPIC = "aic-it-messaging-" + UUID.randomUUID();

    @DynamicPropertySource
    static void topic(DynamicPropertyRegistry properties) {
        properties.add("test.topic", () -> TOPIC);
    }

    @Autowired HealthEndpoint health;
    @Autowired KafkaTemplate<String, String> kafka;
    @Autowired KafkaListenerEndpointRegistry registry;
    @Autowired FragileConsumer consumer;

    @Test
    @Order(1)
    void anOrdinaryFailureOrAStopOnPurposeLeavesTheServiceLive() {
        kafka.send(TOPIC, "exception");
        kafka.send(TOPIC, "after the exception");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> consumer.taken.contains("after the exception"));
        assertThat(liveness().getStatus()).isEqualTo(Status.UP);
        assertThat(listeners().getDetails()).containsEntry("fragile", "running");

        MessageListenerContainer container = registry.getListenerContainer("fragile");
        container.stop();
        assertThat(liveness().getStatus()).isEqualTo(Status.UP);
        assertThat(listeners().getDetails()).containsEntry("fragile", "stopped");
        container.start();
        kafka.send(TOPIC, "after the restart");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> consumer.taken.contains("after the restart"));
    }

    @Test
    @Order(2)
    void anErrorThatStopsTheListenerFailsLiveness() {
        kafka.send(TOPIC, "error");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> liveness().getStatus().equals(Status.DOWN));
        assertThat(listeners().getDetails()).containsEntry("fragile", "stopped unexpectedly");

        kafka.send(TOPIC, "after the error");
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> !consumer.taken.contains("after the error"));
    }

    private CompositeHealth liveness() {
        return (CompositeHealth) health.healthForPath("liveness");
    }

    private Health listeners() {
        return (Health) liveness().getComponents().get("kafkaListeners");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class FragileConsumer {

        final List<String> taken = new CopyOnWriteArrayList<>();

        @Bean
        NewTopic fragileTopic() {
            return new NewTopic(TOPIC, 1, (short) 1);
        }

        @KafkaListener(id = "fragile", topics = "${test.topic}", groupId = "aic-it-messaging")
        void take(String value) {
            switch (value) {
                case "error" -> throw new StackOverflowError("the listener ran out of stack");
                case "exception" -> throw new IllegalStateException("an ordinary failure");
                default -> taken.add(value);
            }
        }
    }
}
