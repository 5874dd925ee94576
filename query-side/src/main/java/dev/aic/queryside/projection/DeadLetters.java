package dev.aic.queryside.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aic.personaldata.PersonalDataSerializer;
import dev.aic.queryside.web.Cursors;
import dev.aic.queryside.web.InvalidCursorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The dead letters of the projections. Listing and inspecting read Axon's table directly, which
 * pages by key where the queue's own API only iterates; retrying and evicting go through Axon's
 * queue and dead-letter processor, which claim, requeue and remove letters as the processors
 * expect.
 */
@Component
class DeadLetters {

    /**
     * The parked event's global index is read from the store by its identifier: the letter's token
     * stands at the furthest index the processor had seen, which for an event that committed late
     * is not the event's own.
     */
    private static final String COLUMNS =
            """
            deadletteridentifier, sequenceidentifier, sequenceindex, eventidentifier, timestamp, payloadtype, type,
            aggregateidentifier, sequencenumber, causetype, causemessage, enqueuedat, lasttouched, diagnostics,
            (SELECT e.globalindex FROM event_store.domainevententry e
             WHERE e.eventidentifier = deadletterentry.eventidentifier) AS globalindex""";

    private final ProjectionCatalog catalog;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final PersonalDataSerializer events;
    private final ObjectMapper json;
    private final TransactionManager transactions;
    private final Cursors cursors;

    /**
     * @param serializer Axon's general serializer: the queue writes tokens and diagnostics with it
     * @param events the event serializer: the queue writes the parked events with it
     */
    DeadLetters(
            ProjectionCatalog catalog,
            JdbcTemplate jdbc,
            Serializer serializer,
            PersonalDataSerializer events,
            ObjectMapper json,
            TransactionManager transactions,
            Cursors cursors) {
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.events = events;
        this.json = json;
        this.transactions = transactions;
        this.cursors = cursors;
    }

    /**
     * A page of the processor's letters, optionally of one sequence, ordered by sequence and place
     * in it.
     */
    DeadLetterPage list(String processor, String sequence, int limit, String cursor) {
        catalog.known(processor);
        String query = "processor=" + processor + ";sequence=" + (sequence == null ? "" : sequence);
        List<String> after =
                cursor == null || cursor.isEmpty() ? null : cursors.decode(cursor, query, 2);
        List<Object> arguments = new ArrayList<>(List.of(processor));
        StringBuilder sql =
                new StringBuilder(
                        "SELECT " + COLUMNS + " FROM deadletterentry WHERE processinggroup = ?");
        if (sequence != null) {
            sql.append(" AND sequenceidentifier = ?");
            arguments.add(sequence);
        }
        if (after != null) {
            sql.append(" AND (sequenceidentifier, sequenceindex) > (?, ?)");
            arguments.add(after.get(0));
            arguments.add(index(after.get(1)));
        }
        sql.append(" ORDER BY sequenceidentifier, sequenceindex LIMIT ?");
        arguments.add(limit + 1);
        List<DeadLetterView> rows =
                jdbc.query(sql.toString(), (row, n) -> view(row), arguments.toArray());
        if (rows.size() <= limit) {
            return new DeadLetterPage(rows, null);
        }
        List<DeadLetterView> page = rows.subList(0, limit);
        DeadLetterView last = page.get(limit - 1);
        return new DeadLetterPage(
                List.copyOf(page),
                cursors.encode(
                        query, List.of(last.sequenceId(), Long.toString(last.sequenceIndex()))));
    }

    DeadLetterDetail inspect(String processor, String letterId) {
        catalog.known(processor);
        return jdbc
                .query(
                        "SELECT "
                                + COLUMNS
                                + ", payloadrevision, payload, metadata FROM deadletterentry"
                                + " WHERE processinggroup = ? AND deadletteridentifier = ?",
                        (row, n) ->
                                new DeadLetterDetail(
                                        view(row), readable(row), stored(row.getBytes("metadata"))),
                        processor,
                        letterId)
                .stream()
                .findFirst()
                .orElseThrow(() -> letterNotFound(processor, letterId));
    }

    /** Hands the sequence's letters, in order, to the projection's handlers again. */
    RetryOutcome retrySequence(String processor, String sequence) {
        if (letters(processor, sequence) == 0) {
            throw new DeadLetterNotFoundException(
                    "Projection " + processor + " has no dead letters in sequence " + sequence);
        }
        boolean cleared =
                catalog.retrier(processor).process(letter -> inSequence(letter, sequence));
        return new RetryOutcome(processor, 1, cleared ? 1 : 0, letters(processor, sequence));
    }

    /** Retries every sequence of the processor once, oldest sequence id first. */
    RetryOutcome retryAll(String processor) {
        catalog.known(processor);
        List<String> sequences =
                jdbc.queryForList(
                        """
                SELECT DISTINCT sequenceidentifier FROM deadletterentry WHERE processinggroup = ?
                ORDER BY sequenceidentifier""",
                        String.class,
                        processor);
        if (sequences.isEmpty()) {
            return new RetryOutcome(processor, 0, 0, 0);
        }
        var retrier = catalog.retrier(processor);
        int cleared = 0;
        for (String sequence : sequences) {
            if (retrier.process(letter -> inSequence(letter, sequence))) {
                cleared++;
            }
        }
        Long left =
                jdbc.queryForObject(
                        "SELECT count(*) FROM deadletterentry WHERE processinggroup = ?"
                                + " AND sequenceidentifier = ANY (?)",
                        Long.class,
                        processor,
                        sequences.toArray(String[]::new));
        return new RetryOutcome(processor, sequences.size(), cleared, left == null ? 0 : left);
    }

    /** Drops one letter for good: the projection will never reflect its event. */
    void evictLetter(String processor, String letterId) {
        String sequence =
                jdbc
                        .queryForList(
                                """
                SELECT sequenceidentifier FROM deadletterentry WHERE processinggroup = ? AND deadletteridentifier = ?""",
                                String.class,
                                catalog.known(processor),
                                letterId)
                        .stream()
                        .findFirst()
                        .orElseThrow(() -> letterNotFound(processor, letterId));
        SequencedDeadLetterQueue<EventMessage<?>> queue = catalog.queue(processor);
        for (DeadLetter<? extends EventMessage<?>> letter : queue.deadLetterSequence(sequence)) {
            if (letter instanceof JdbcDeadLetter<?> stored
                    && stored.getIdentifier().equals(letterId)) {
                queue.evict(letter);
                return;
            }
        }
        throw letterNotFound(processor, letterId);
    }

    /**
     * Drops every letter of a sequence for good; the aggregate's next events are handled again as
     * they come.
     */
    void evictSequence(String processor, String sequence) {
        if (letters(processor, sequence) == 0) {
            throw new DeadLetterNotFoundException(
                    "Projection " + processor + " has no dead letters in sequence " + sequence);
        }
        SequencedDeadLetterQueue<EventMessage<?>> queue = catalog.queue(processor);
        List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
        queue.deadLetterSequence(sequence).forEach(letters::add);
        transactions.executeInTransaction(() -> letters.forEach(queue::evict));
    }

    private long letters(String processor, String sequence) {
        Long count =
                jdbc.queryForObject(
                        """
                SELECT count(*) FROM deadletterentry WHERE processinggroup = ? AND sequenceidentifier = ?""",
                        Long.class,
                        catalog.known(processor),
                        sequence);
        return count == null ? 0 : count;
    }

    private static boolean inSequence(
            DeadLetter<? extends EventMessage<?>> letter, String sequence) {
        return letter instanceof JdbcDeadLetter<?> stored
                && sequence.equals(stored.getSequenceIdentifier());
    }

    private DeadLetterView view(ResultSet row) throws SQLException {
        String causeType = row.getString("causetype");
        long sequenceNumber = row.getLong("sequencenumber");
        Long aggregateSequenceNumber = row.wasNull() ? null : sequenceNumber;
        return new DeadLetterView(
                row.getString("deadletteridentifier"),
                row.getString("sequenceidentifier"),
                row.getLong("sequenceindex"),
                globalIndex(row),
                row.getString("payloadtype"),
                row.getString("eventidentifier"),
                instant(row.getString("timestamp")),
                row.getString("type"),
                row.getString("aggregateidentifier"),
                aggregateSequenceNumber,
                causeType == null
                        ? null
                        : new ProjectionView.Failure(causeType, row.getString("causemessage")),
                instant(row.getString("enqueuedat")),
                instant(row.getString("lasttouched")),
                retries(row.getBytes("diagnostics")));
    }

    private static Long globalIndex(ResultSet row) throws SQLException {
        long index = row.getLong("globalindex");
        return row.wasNull() ? null : index;
    }

    private long retries(byte[] diagnostics) {
        if (diagnostics == null) {
            return 0;
        }
        MetaData metaData =
                serializer.deserialize(
                        new SimpleSerializedObject<>(
                                diagnostics, byte[].class, MetaData.class.getName(), null));
        return metaData.get(ParkUnlessTransient.RETRIES) instanceof Number retries
                ? retries.longValue()
                : 0;
    }

    /**
     * The payload as the handlers read it: personal data decrypted, or erased once its person was;
     * as stored when it cannot be read so (its type gone, its ciphertext altered), since a dead
     * letter shows, never hides.
     */
    private JsonNode readable(ResultSet row) throws SQLException {
        byte[] payload = row.getBytes("payload");
        try {
            return events.readableTree(
                    new SimpleSerializedObject<>(
                            payload,
                            byte[].class,
                            row.getString("payloadtype"),
                            row.getString("payloadrevision")));
        } catch (RuntimeException unreadable) {
            return stored(payload);
        }
    }

    /** Stored JSON as a tree; anything else (another serializer's bytes) as text. */
    private JsonNode stored(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return json.readTree(bytes);
        } catch (IOException notJson) {
            return TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private static Instant instant(String stored) {
        return stored == null ? null : DateTimeUtils.parseInstant(stored);
    }

    private static long index(String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw new InvalidCursorException("The cursor was altered");
        }
    }

    private static DeadLetterNotFoundException letterNotFound(String processor, String letterId) {
        return new DeadLetterNotFoundException(
                "Projection " + processor + " has no dead letter " + letterId);
    }
}
