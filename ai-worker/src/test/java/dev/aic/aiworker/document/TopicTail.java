package dev.aic.aiworker.document;

import static org.awaitility.Awaitility.await;

import dev.aic.testsupport.Infrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what is published on a topic from the moment it is opened: a consumer without a group,
 * assigned every partition, positioned at the end, signed in as the super user. What a downstream
 * consumer of the topic would see.
 */
final class TopicTail implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> received = new ArrayList<>();

    TopicTail(String topic) {
        Map<String, Object> config = new HashMap<>(Infrastructure.endpoints().kafka().asAdmin());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "tail-" + topic + "-" + UUID.randomUUID());
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions =
                consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                        .map(info -> new TopicPartition(topic, info.partition()))
                        .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /**
     * Reads what arrived since the last call and returns every record of the key received so far.
     */
    List<ConsumerRecord<String, String>> of(String key) {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        return received.stream().filter(record -> key.equals(record.key())).toList();
    }

    /** Reads until the consumer's position reaches the end of every partition as it is now. */
    void readToEnd() {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        await().atMost(Duration.ofSeconds(30))
                .pollInSameThread()
                .pollDelay(Duration.ZERO)
                .until(
                        () -> {
                            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                            return end.entrySet().stream()
                                    .allMatch(
                                            partition ->
                                                    consumer.position(partition.getKey())
                                                            >= partition.getValue());
                        });
    }

    boolean anyOf(String key, Predicate<ConsumerRecord<String, String>> match) {
        return received.stream().filter(record -> key.equals(record.key())).anyMatch(match);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
