package dev.aic.commandside.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.commandside.web.Commands;
import dev.aic.contracts.document.ChunkLocation;
import dev.aic.contracts.document.DocumentEvent.ChunksEmbedded;
import dev.aic.contracts.document.DocumentEvent.ProcessingCompleted;
import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.document.DocumentVisibility;
import dev.aic.contracts.document.EmbeddedChunk;
import dev.aic.contracts.document.EmbeddingModel;
import dev.aic.contracts.document.EmbeddingVector;
import dev.aic.contracts.document.ProcessingFailureReason;
import dev.aic.contracts.user.UserId;
import dev.aic.testsupport.RealInfrastructure;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * A document loaded from a snapshot decides exactly as one rebuilt from its whole history would
 * (the rules are {@link DocumentProcessingTest}'s), and its snapshot holds which chunks are
 * recorded, not their vectors. With a threshold of 2 nearly every load takes a snapshot. Commands
 * go through {@link Commands}, as they do from the REST API and the report listener.
 */
@SpringBootTest(properties = "aic.documents.snapshot-threshold=2")
@ContextConfiguration(initializers = RealInfrastructure.class)
class DocumentSnapshotIT {

    private static final EmbeddingModel MODEL =
            new EmbeddingModel("all-minilm-l6-v2", "c".repeat(64), 384);

    @Autowired Commands commands;
    @Autowired EventStore eventStore;

    /**
     * Axon's general serializer, the one its JDBC storage engine writes and reads snapshots with.
     */
    @Autowired Serializer snapshotSerializer;

    @Autowired ObjectMapper json;
    @Autowired JdbcTemplate jdbc;

    private final DocumentId document = new DocumentId(UUID.randomUUID());
    private final DocumentCommands.Actor owner =
            new DocumentCommands.Actor(new UserId(UUID.randomUUID()), false);

    @Test
    void aDocumentLoadedFromItsSnapshotDecidesAsItsWholeHistoryWould() {
        String sha256 = UUID.randomUUID().toString().replace("-", "").repeat(2);
        send(
                new DocumentCommands.Upload(
                        document,
                        owner.user(),
                        "Snapshots",
                        List.of(),
                        new DocumentCommands.Audience(DocumentVisibility.MEMBERS, null),
                        new DocumentCommands.Content(
                                "documents/" + document + "/one",
                                "text/plain",
                                42,
                                sha256,
                                "notes.txt")));
        send(new DocumentCommands.RecordProcessingStarted(document, 1, MODEL));
        send(new DocumentCommands.RecordChunks(document, 1, MODEL, chunks(0, 1)));
        send(new DocumentCommands.RecordChunks(document, 1, MODEL, chunks(2, 3)));
        send(new DocumentCommands.RecordChunks(document, 1, MODEL, chunks(4)));
        long snapshot = aSnapshotCoversTheWholeHistory();
        theSnapshotHoldsTheRecordedChunksButNoVectors(snapshot);

        // what it already recorded it records no more; what is missing it still misses
        send(new DocumentCommands.RecordProcessingStarted(document, 1, MODEL));
        send(new DocumentCommands.RecordChunks(document, 1, MODEL, chunks(0, 1)));
        assertThatThrownBy(
                        () ->
                                send(
                                        new DocumentCommands.RecordProcessingCompleted(
                                                document, 1, MODEL, 6)))
                .isInstanceOf(ChunksMissingException.class)
                .hasMessageContaining("but 5 of them are recorded");
        send(new DocumentCommands.RecordChunks(document, 1, MODEL, chunks(4, 5)));
        send(new DocumentCommands.RecordProcessingCompleted(document, 1, MODEL, 6));
        send(new DocumentCommands.RecordProcessingCompleted(document, 1, MODEL, 6));
        send(
                new DocumentCommands.RecordProcessingFailed(
                        document, 1, MODEL, ProcessingFailureReason.PROCESSING_ERROR, "late"));
        assertThatThrownBy(() -> send(new DocumentCommands.Reprocess(document, null, owner)))
                .isInstanceOfSatisfying(
                        DocumentRuleViolation.class,
                        violation ->
                                assertThat(violation.kind())
                                        .isEqualTo(DocumentRuleViolation.Kind.ALREADY_PROCESSED));

        assertThat(eventsAfter(snapshot))
                .containsExactly(
                        new ChunksEmbedded(document, 1, MODEL, chunks(5)),
                        new ProcessingCompleted(document, 1, MODEL, 6));
    }

    /**
     * Waits for a snapshot at the last event. A snapshot is taken on its own thread and may miss
     * the events of the command that triggered it, so each attempt loads the document again with a
     * start it already recorded: the load reads the snapshot and the events after it, and that
     * takes a new one.
     */
    private long aSnapshotCoversTheWholeHistory() {
        long last =
                jdbc.queryForObject(
                        "SELECT max(sequencenumber) FROM domainevententry WHERE aggregateidentifier = ?",
                        Long.class,
                        document.toString());
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> {
                            if (snapshotRow()
                                    .map(row -> (Long) row.get("sequencenumber"))
                                    .filter(seq -> seq == last)
                                    .isPresent()) {
                                return true;
                            }
                            send(new DocumentCommands.RecordProcessingStarted(document, 1, MODEL));
                            return false;
                        });
        return last;
    }

    private void theSnapshotHoldsTheRecordedChunksButNoVectors(long sequence) {
        Map<String, Object> row = snapshotRow().orElseThrow();
        assertThat(row.get("sequencenumber")).isEqualTo(sequence);
        assertThat(row.get("payloadtype")).isEqualTo(Document.class.getName());
        assertThat(row.get("payloadrevision")).isEqualTo("1");
        byte[] payload = (byte[]) row.get("payload");
        JsonNode stored = read(payload);
        assertThat(stored.get("id").asText()).isEqualTo(document.toString());
        assertThat(stored.get("contentType").asText()).isEqualTo("text/plain");
        JsonNode run = stored.get("runs").get(MODEL.fingerprint());
        assertThat(run.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(run.get("chunks").toString()).isEqualTo("[0,1,2,3,4]");
        // five 384-dimension vectors are kilobytes of JSON; the snapshot has none of them
        assertThat(payload.length).isLessThan(1024);
        assertThat(new String(payload)).doesNotContain("vector").doesNotContain("Chunk ");

        Object restored =
                snapshotSerializer.deserialize(
                        new SimpleSerializedObject<>(
                                payload, byte[].class, Document.class.getName(), "1"));
        assertThat(read(snapshotSerializer.serialize(restored, byte[].class).getData()))
                .isEqualTo(stored);
    }

    private void send(Object command) {
        commands.send(command, document);
    }

    private Optional<Map<String, Object>> snapshotRow() {
        return jdbc
                .queryForList(
                        """
                SELECT sequencenumber, payloadtype, payloadrevision, payload FROM snapshotevententry
                WHERE aggregateidentifier = ? ORDER BY sequencenumber DESC LIMIT 1""",
                        document.toString())
                .stream()
                .findFirst();
    }

    private List<Object> eventsAfter(long sequence) {
        return eventStore
                .readEvents(document.toString(), sequence + 1)
                .asStream()
                .map(Message::getPayload)
                .map(Object.class::cast)
                .toList();
    }

    private JsonNode read(byte[] payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<EmbeddedChunk> chunks(int... indexes) {
        return IntStream.of(indexes).mapToObj(DocumentSnapshotIT::chunk).toList();
    }

    private static EmbeddedChunk chunk(int index) {
        Random random = new Random(index);
        float[] vector = new float[MODEL.dimension()];
        IntStream.range(0, vector.length).forEach(i -> vector[i] = random.nextFloat() - 0.5f);
        String text = "Chunk " + index;
        return new EmbeddedChunk(
                index,
                text,
                0,
                ChunkLocation.page(1),
                0,
                text.length(),
                3,
                new EmbeddingVector(vector));
    }
}
