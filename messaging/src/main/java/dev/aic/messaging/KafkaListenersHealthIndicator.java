package dev.aic.messaging;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Liveness of the Kafka listener containers: DOWN once one has stopped without being asked to.
 * Spring Kafka stops a container for good when its listener throws an {@link Error} (or the
 * consumer cannot authenticate, or has no offset to start from); the service would then stay up,
 * ready, and never take another record. Failing liveness has the orchestrator restart it. A
 * container stopped on purpose, as on shutdown, is in its expected state.
 */
public class KafkaListenersHealthIndicator implements HealthIndicator {

    private final KafkaListenerEndpointRegistry registry;

    public KafkaListenersHealthIndicator(KafkaListenerEndpointRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Health health() {
        Map<String, String> states = new TreeMap<>();
        boolean live = true;
        for (MessageListenerContainer container : registry.getListenerContainers()) {
            boolean expected = container.isInExpectedState();
            live &= expected;
            states.put(
                    container.getListenerId(),
                    !expected
                            ? "stopped unexpectedly"
                            : container.isRunning() ? "running" : "stopped");
        }
        return (live ? Health.up() : Health.down()).withDetails(states).build();
    }
}
