package dev.aic.aiworker.inbox;

import dev.aic.contracts.integration.IntegrationHeaders;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes a Kafka consumer idempotent: the effect of a record and the note that it was applied commit
 * in one transaction, keyed by the id of the event the record was published from. Kafka delivers at
 * least once; through the inbox, every effect happens once.
 */
@Component
public class Inbox {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    Inbox(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** @return true if the effect ran now, false if this event was applied before */
    public boolean applyOnce(ConsumerRecord<String, String> record, Consumer<String> effect) {
        String eventId = eventId(record);
        return Boolean.TRUE.equals(transaction.execute(status -> {
            int inserted = jdbc.update(
                    "INSERT INTO processed_message (event_id, topic) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    eventId, record.topic());
            if (inserted == 0) {
                return false;
            }
            effect.accept(eventId);
            return true;
        }));
    }

    private static String eventId(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(IntegrationHeaders.EVENT_ID);
        if (header == null) {
            throw new IllegalArgumentException("Record without " + IntegrationHeaders.EVENT_ID + " header at "
                    + record.topic() + "-" + record.partition() + "@" + record.offset());
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
