package dev.aic.messaging;

import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.support.KafkaUtils;

/**
 * Keeps a record that kills its consumer from killing it for ever. Before the work on a record
 * starts, an attempt is counted in the database and committed; when the work returns — with a
 * result or an exception — the count is cleared. What a process death leaves behind is therefore
 * exactly the attempts that took a service down, whatever killed it: out of memory, a native crash,
 * {@code kill -9}. Kafka redelivers such a record after the restart; once it has taken a service
 * down {@code aic.consumers.max-crashes} times (2 by default) it is not processed again: {@link
 * PoisonRecordException} tells the listener's error handler to park it on the dead-letter topic.
 *
 * <p>An exception is not a crash: retries in a living process do not count. Each service keeps its
 * {@code delivery_attempt} table in its own schema, created by its own migrations.
 */
public class DeliveryAttempts {

    private static final Logger log = LoggerFactory.getLogger(DeliveryAttempts.class);

    private final JdbcTemplate jdbc;
    private final int maxCrashes;

    DeliveryAttempts(JdbcTemplate jdbc, int maxCrashes) {
        if (maxCrashes < 1) {
            throw new IllegalArgumentException(
                    "aic.consumers.max-crashes must be at least 1, was " + maxCrashes);
        }
        this.jdbc = jdbc;
        this.maxCrashes = maxCrashes;
    }

    /**
     * Runs the work on a record, counted.
     *
     * @throws PoisonRecordException without running the work, if the record already took a service
     *     down {@code max-crashes} times
     */
    public <T> T attempt(ConsumerRecord<?, ?> record, Supplier<T> work) {
        return attempt(group(), record.topic(), record.partition(), record.offset(), work);
    }

    /**
     * Runs work that is not a Kafka record's, counted the same way under a key of its own: a
     * background job names itself as the group and the item it works on as topic, partition and
     * offset.
     */
    public <T> T attempt(String group, String topic, int partition, long offset, Supplier<T> work) {
        return attempt(group, topic, partition, offset, crashes -> work.get());
    }

    /**
     * As {@link #attempt(String, String, int, long, Supplier)}, telling the work how many deaths of
     * the service its item already has (fewer than {@code max-crashes}): a caller may run a suspect
     * item alone.
     */
    public <T> T attempt(
            String group, String topic, int partition, long offset, IntFunction<T> work) {
        String what = topic + "-" + partition + "@" + offset;
        // a statement of its own, committed at once: it must outlive the process if the work kills
        // it
        Integer unfinished =
                jdbc.queryForObject(
                        """
                INSERT INTO delivery_attempt (consumer_group, topic, partition_no, record_offset, unfinished)
                VALUES (?, ?, ?, ?, 1)
                ON CONFLICT (consumer_group, topic, partition_no, record_offset)
                DO UPDATE SET unfinished = delivery_attempt.unfinished + 1, last_started = now()
                RETURNING unfinished""",
                        Integer.class,
                        group,
                        topic,
                        partition,
                        offset);
        int crashes = unfinished - 1;
        if (crashes >= maxCrashes) {
            log.atError()
                    .addKeyValue("group", group)
                    .addKeyValue("record", what)
                    .addKeyValue("crashes", crashes)
                    .log("Record took the service down before; parked without processing");
            throw new PoisonRecordException(what, crashes);
        }
        T result;
        try {
            result = work.apply(crashes);
        } catch (RuntimeException e) {
            finished(group, topic, partition, offset);
            throw e;
        }
        finished(group, topic, partition, offset);
        return result;
    }

    private void finished(String group, String topic, int partition, long offset) {
        jdbc.update(
                "DELETE FROM delivery_attempt WHERE consumer_group = ? AND topic = ? AND partition_no = ?"
                        + " AND record_offset = ?",
                group,
                topic,
                partition,
                offset);
    }

    private static String group() {
        String group = KafkaUtils.getConsumerGroupId();
        return group == null ? "" : group;
    }
}
