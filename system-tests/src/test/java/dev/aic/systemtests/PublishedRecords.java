package dev.aic.systemtests;

import static org.awaitility.Awaitility.await;

import dev.aic.testsupport.Infrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the command-side publishes on one integration topic from the moment this was opened, read as
 * another bounded context would (committed records only), without a consumer group: the broker is
 * shared with earlier runs, whose records before that moment are not this test's.
 */
final class PublishedRecords implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> read = new ArrayList<>();

    private PublishedRecords(String topic) {
        Map<String, Object> config = new HashMap<>(Infrastructure.endpoints().kafka().asAdmin());
        config.put("isolation.level", "read_committed");
        config.put("enable.auto.commit", "false");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions =
                consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                        .map(info -> new TopicPartition(topic, info.partition()))
                        .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // the seek is lazy: fix the positions now, before the records this test is about are
        // published
        partitions.forEach(partition -> consumer.position(partition, Duration.ofSeconds(30)));
    }

    static PublishedRecords on(String topic) {
        return new PublishedRecords(topic);
    }

    /** Reads on until {@code complete} holds for everything read so far; returns it. */
    List<ConsumerRecord<String, String>> awaitUntil(
            String what,
            Duration deadline,
            Predicate<List<ConsumerRecord<String, String>>> complete) {
        await(what)
                .atMost(deadline)
                .pollInSameThread()
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            consumer.poll(Duration.ofMillis(500)).forEach(read::add);
                            return complete.test(read);
                        });
        return List.copyOf(read);
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
