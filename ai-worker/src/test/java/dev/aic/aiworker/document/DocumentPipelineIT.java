package dev.aic.aiworker.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.aiworker.AiWorkerIntegrationTest;
import dev.aic.aiworker.embedding.EmbeddingModelVersion;
import dev.aic.aiworker.embedding.EmbeddingModels;
import dev.aic.aiworker.extraction.TestDocuments;
import dev.aic.content.ContentStore;
import dev.aic.contracts.document.ChunkLocation;
import dev.aic.contracts.document.EmbeddedChunk;
import dev.aic.contracts.document.EmbeddingModel;
import dev.aic.contracts.document.ProcessingFailureReason;
import dev.aic.contracts.integration.DocumentDeletedIntegrationEvent;
import dev.aic.contracts.integration.DocumentProcessingReport;
import dev.aic.contracts.integration.DocumentProcessingReport.Completed;
import dev.aic.contracts.integration.DocumentProcessingReport.Embedded;
import dev.aic.contracts.integration.DocumentProcessingReport.Failed;
import dev.aic.contracts.integration.DocumentProcessingReport.Started;
import dev.aic.contracts.integration.DocumentVersionReadyIntegrationEvent;
import dev.aic.contracts.integration.IntegrationHeaders;
import dev.aic.contracts.integration.Topics;
import dev.aic.testsupport.AdminKafka;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The story of an uploaded document as the command-side sees it: it stores the bytes, announces the
 * version on {@code aic.documents.v1}, and reads the ai-worker's reports on {@code
 * aic.document-processing.v1}.
 */
@AiWorkerIntegrationTest
class DocumentPipelineIT {

    private static final String PDF = "application/pdf";
    private static final String PPTX =
            "application/vnd.openxmlformats-officedocument.presentationml.presentation";

    /** Plays the topic's writer: the service's own principal may not write there. */
    KafkaTemplate<String, String> kafka = AdminKafka.template();

    @Autowired ContentStore contentStore;
    @Autowired ObjectMapper json;
    @Autowired JdbcTemplate jdbc;
    @Autowired EmbeddingModels models;
    @Autowired ReembeddingJob reembedding;
    @TempDir Path files;

    TopicTail reports;
    TopicTail deadLetters;

    @BeforeEach
    void tailTopics() {
        reports = new TopicTail(Topics.DOCUMENT_PROCESSING);
        deadLetters = new TopicTail(Topics.DOCUMENTS_DEAD_LETTER);
    }

    @AfterEach
    void closeTails() {
        reports.close();
        deadLetters.close();
    }

    @Test
    void aPdfIsReportedStartedThenItsChunksPageByPageInBatchesThenCompleted() throws Exception {
        byte[] pdf =
                TestDocuments.pdf(
                        List.of(
                                "Solar panels convert sunlight into electricity.\nThey work best facing south.",
                                "Wind turbines turn moving air into power.",
                                "Batteries store the energy for the night."));
        var version = stored(UUID.randomUUID(), 1, pdf, PDF);

        announce(version);

        List<Received> received = awaitFinalReport(version.documentId());
        EmbeddingModel model = activeModel();
        assertThat(received.get(0).report()).isEqualTo(new Started(version.documentId(), 1, model));
        List<Embedded> batches = embedded(received);
        // batch size 2 in the tests: three one-page chunks come in two reports
        assertThat(batches).hasSize(2);
        assertThat(batches).allSatisfy(batch -> assertThat(batch.model()).isEqualTo(model));
        List<EmbeddedChunk> chunks =
                batches.stream().flatMap(batch -> batch.chunks().stream()).toList();
        assertThat(chunks).extracting(EmbeddedChunk::index).containsExactly(0, 1, 2);
        assertThat(chunks)
                .extracting(EmbeddedChunk::location)
                .containsExactly(
                        ChunkLocation.page(1), ChunkLocation.page(2), ChunkLocation.page(3));
        assertThat(chunks.get(0).text()).contains("Solar panels convert sunlight", "facing south");
        assertThat(chunks.get(1).text()).contains("Wind turbines");
        assertThat(chunks)
                .allSatisfy(
                        chunk -> {
                            assertThat(chunk.vector().dimension()).isEqualTo(384);
                            assertThat(length(chunk.vector().values()))
                                    .isCloseTo(1.0, offset(1e-4));
                        });
        assertThat(received.get(received.size() - 1).report())
                .isEqualTo(new Completed(version.documentId(), 1, model, 3));
        assertThat(received)
                .extracting(Received::type)
                .containsExactly("Started", "Embedded", "Embedded", "Completed");
        assertThat(runs(version.documentId())).containsExactly("COMPLETED " + model.fingerprint());
    }

    @Test
    void aPresentationsChunksNameTheirSlides() throws Exception {
        byte[] pptx =
                TestDocuments.pptx(
                        List.of(
                                "Quarterly results grew by ten percent.",
                                "Next year we open two new offices."));
        var version = stored(UUID.randomUUID(), 1, pptx, PPTX);

        announce(version);

        List<EmbeddedChunk> chunks =
                embedded(awaitFinalReport(version.documentId())).stream()
                        .flatMap(batch -> batch.chunks().stream())
                        .toList();
        assertThat(chunks)
                .extracting(EmbeddedChunk::location)
                .containsExactly(ChunkLocation.slide(1), ChunkLocation.slide(2));
        assertThat(chunks.get(1).text()).contains("two new offices");
    }

    @Test
    void aScannedPdfFailsWithNoText() throws Exception {
        var version = stored(UUID.randomUUID(), 1, TestDocuments.imageOnlyPdf(2), PDF);

        announce(version);

        List<Received> received = awaitFinalReport(version.documentId());
        assertThat(received).extracting(Received::type).containsExactly("Started", "Failed");
        Failed failed = (Failed) received.get(received.size() - 1).report();
        assertThat(failed.reason()).isEqualTo(ProcessingFailureReason.NO_TEXT);
        assertThat(failed.detail()).contains("3 pages", "scanned");
    }

    @Test
    void missingContentFailsWithContentMissing() throws Exception {
        UUID documentId = UUID.randomUUID();
        var version =
                new DocumentVersionReadyIntegrationEvent(
                        documentId,
                        1,
                        PDF,
                        "0".repeat(64),
                        "documents/" + documentId + "/never-stored",
                        10);

        announce(version);

        Failed failed = (Failed) last(awaitFinalReport(documentId)).report();
        assertThat(failed.reason()).isEqualTo(ProcessingFailureReason.CONTENT_MISSING);
    }

    @Test
    void contentThatIsNotWhatTheVersionAnnouncedFailsWithContentMismatch() throws Exception {
        var stored =
                stored(UUID.randomUUID(), 1, TestDocuments.pdf(List.of("Original text.")), PDF);
        var altered =
                new DocumentVersionReadyIntegrationEvent(
                        stored.documentId(),
                        1,
                        PDF,
                        "ab".repeat(32),
                        stored.storageKey(),
                        stored.sizeBytes());

        announce(altered);

        Failed failed = (Failed) last(awaitFinalReport(stored.documentId())).report();
        assertThat(failed.reason()).isEqualTo(ProcessingFailureReason.CONTENT_MISMATCH);
        assertThat(failed.detail()).contains("SHA-256");
    }

    @Test
    void aVersionDeliveredTwiceIsReportedTwiceWithIdenticalChunksAndIds() throws Exception {
        var version =
                stored(
                        UUID.randomUUID(),
                        1,
                        TestDocuments.pdf(
                                List.of(
                                        "The library opens at nine.",
                                        "It closes at six on weekdays.")),
                        PDF);

        announce(version);
        announce(version);

        await().atMost(Duration.ofSeconds(120))
                .pollInSameThread()
                .until(
                        () ->
                                reports(version.documentId()).stream()
                                                .filter(
                                                        report ->
                                                                report.report()
                                                                        instanceof Completed)
                                                .count()
                                        == 2);
        List<Received> received = reports(version.documentId());
        int half = received.size() / 2;
        List<Received> first = received.subList(0, half);
        List<Received> second = received.subList(half, received.size());
        assertThat(second)
                .extracting(Received::type)
                .containsExactlyElementsOf(first.stream().map(Received::type).toList());
        assertThat(second)
                .extracting(Received::eventId)
                .containsExactlyElementsOf(first.stream().map(Received::eventId).toList());
        assertThat(embedded(second)).isEqualTo(embedded(first));
        assertThat(deadLetters.of(version.documentId().toString())).isEmpty();
    }

    @Test
    void aVersionOfADeletedDocumentIsSkipped() throws Exception {
        var deleted = stored(UUID.randomUUID(), 1, TestDocuments.pdf(List.of("Soon gone.")), PDF);
        var marker = stored(UUID.randomUUID(), 1, TestDocuments.pdf(List.of("Still here.")), PDF);

        // one partition, so the marker is processed after the two records before it
        send(
                0,
                deleted.documentId(),
                "DocumentDeletedIntegrationEvent",
                new DocumentDeletedIntegrationEvent(deleted.documentId()));
        send(0, deleted.documentId(), "DocumentVersionReadyIntegrationEvent", deleted);
        send(0, marker.documentId(), "DocumentVersionReadyIntegrationEvent", marker);

        awaitFinalReport(marker.documentId());
        reports.readToEnd();
        assertThat(reports(deleted.documentId())).isEmpty();
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM deleted_document WHERE document_id = ?",
                                Integer.class,
                                deleted.documentId()))
                .isOne();
    }

    @Test
    void aRecordThatKeepsFailingIsReportedAsProcessingErrorAndParkedInTheDeadLetterTopic()
            throws Exception {
        UUID documentId = UUID.randomUUID();
        // a key the content store refuses: every attempt fails the same way
        var version =
                new DocumentVersionReadyIntegrationEvent(
                        documentId, 1, PDF, "0".repeat(64), "../outside-the-store", 10);

        announce(version);

        Failed failed = (Failed) last(awaitFinalReport(documentId)).report();
        assertThat(failed.reason()).isEqualTo(ProcessingFailureReason.PROCESSING_ERROR);
        assertThat(failed.detail()).contains("Invalid content key");
        await().atMost(Duration.ofSeconds(30))
                .pollInSameThread()
                .until(() -> !deadLetters.of(documentId.toString()).isEmpty());
        ConsumerRecord<String, String> parked = deadLetters.of(documentId.toString()).get(0);
        assertThat(parked.value()).isEqualTo(json.writeValueAsString(version));
        assertThat(header(parked, "kafka_dlt-original-topic")).isEqualTo(Topics.DOCUMENTS);
        assertThat(header(parked, "kafka_dlt-exception-message")).contains("Invalid content key");
    }

    @Test
    void aSwitchToAnotherModelReEmbedsTheLatestVersionOfADocumentProcessedWithTheOldModel()
            throws Exception {
        UUID documentId = UUID.randomUUID();
        var version =
                stored(documentId, 2, TestDocuments.pdf(List.of("Rivers flow into the sea.")), PDF);
        jdbc.update(
                "INSERT INTO document_version (document_id, version, content_type, sha256, storage_key, "
                        + "size_bytes) VALUES (?, 2, ?, ?, ?, ?)",
                documentId,
                PDF,
                version.sha256(),
                version.storageKey(),
                version.sizeBytes());
        jdbc.update(
                "INSERT INTO embedding_run (document_id, version, model_fingerprint, model_name, outcome, "
                        + "chunk_count) VALUES (?, 2, 'an-older-model', 'old-model', 'COMPLETED', 1)",
                documentId);

        int processed = reembedding.run();

        assertThat(processed).isPositive();
        List<Received> received = awaitFinalReport(documentId);
        EmbeddingModel model = activeModel();
        assertThat(received)
                .extracting(Received::type)
                .containsExactly("Started", "Embedded", "Completed");
        assertThat(received.get(received.size() - 1).report())
                .isEqualTo(new Completed(documentId, 2, model, 1));
        assertThat(runs(documentId))
                .containsExactlyInAnyOrder(
                        "COMPLETED an-older-model", "COMPLETED " + model.fingerprint());
        // done for the active model: the next run leaves it alone
        reembedding.run();
        reports.readToEnd();
        assertThat(reports(documentId)).hasSize(3);
    }

    @Test
    void aVersionThatTookTheWorkerDownTwiceInTheReEmbeddingJobIsReportedAndLeftAlone()
            throws Exception {
        UUID documentId = UUID.randomUUID();
        var version =
                stored(documentId, 1, TestDocuments.pdf(List.of("Tides follow the moon.")), PDF);
        jdbc.update(
                "INSERT INTO document_version (document_id, version, content_type, sha256, storage_key, "
                        + "size_bytes) VALUES (?, 1, ?, ?, ?, ?)",
                documentId,
                PDF,
                version.sha256(),
                version.storageKey(),
                version.sizeBytes());
        EmbeddingModel model = activeModel();
        // what two deaths of the worker in the middle of this version leave behind
        jdbc.update(
                "INSERT INTO delivery_attempt (consumer_group, topic, partition_no, record_offset, unfinished) "
                        + "VALUES (?, ?, 1, 0, 2)",
                DocumentProcessor.ATTEMPTS_GROUP,
                documentId.toString());

        reembedding.run();

        Failed failed = (Failed) last(awaitFinalReport(documentId)).report();
        assertThat(failed.reason()).isEqualTo(ProcessingFailureReason.WORKER_CRASHED);
        assertThat(failed.detail()).contains("took the service down 2 times");
        assertThat(reports(documentId)).hasSize(1);
        assertThat(runs(documentId)).containsExactly("FAILED " + model.fingerprint());
        reembedding.run();
        reports.readToEnd();
        assertThat(reports(documentId)).as("reports after the next run").hasSize(1);
    }

    private DocumentVersionReadyIntegrationEvent stored(
            UUID documentId, int version, byte[] bytes, String contentType) throws Exception {
        String key = "documents/" + documentId + "/" + UUID.randomUUID();
        Path file = Files.write(files.resolve(UUID.randomUUID().toString()), bytes);
        contentStore.put(key, file, contentType);
        String sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        return new DocumentVersionReadyIntegrationEvent(
                documentId, version, contentType, sha256, key, bytes.length);
    }

    private void announce(DocumentVersionReadyIntegrationEvent version) throws Exception {
        send(null, version.documentId(), "DocumentVersionReadyIntegrationEvent", version);
    }

    private void send(Integer partition, UUID documentId, String type, Object event)
            throws Exception {
        var record =
                new ProducerRecord<>(
                        Topics.DOCUMENTS,
                        partition,
                        documentId.toString(),
                        json.writeValueAsString(event));
        record.headers().add(IntegrationHeaders.EVENT_TYPE, type.getBytes(StandardCharsets.UTF_8));
        record.headers()
                .add(
                        IntegrationHeaders.EVENT_ID,
                        UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        kafka.send(record).get();
    }

    /**
     * The reports of a document until its Completed or Failed report, in the order they were
     * published.
     */
    private List<Received> awaitFinalReport(UUID documentId) {
        await().atMost(Duration.ofSeconds(120))
                .pollInSameThread()
                .until(
                        () ->
                                reports(documentId).stream()
                                        .anyMatch(
                                                received ->
                                                        received.report() instanceof Completed
                                                                || received.report()
                                                                        instanceof Failed));
        return reports(documentId);
    }

    private List<Received> reports(UUID documentId) {
        return reports.of(documentId.toString()).stream().map(this::received).toList();
    }

    private Received received(ConsumerRecord<String, String> record) {
        String type = header(record, IntegrationHeaders.EVENT_TYPE);
        Class<? extends DocumentProcessingReport> kind =
                switch (type) {
                    case "Started" -> Started.class;
                    case "Embedded" -> Embedded.class;
                    case "Completed" -> Completed.class;
                    case "Failed" -> Failed.class;
                    default -> throw new AssertionError("Unknown report type " + type);
                };
        try {
            return new Received(
                    type,
                    header(record, IntegrationHeaders.EVENT_ID),
                    json.readValue(record.value(), kind));
        } catch (IOException e) {
            throw new AssertionError("Unreadable " + type + " report: " + record.value(), e);
        }
    }

    private static Received last(List<Received> received) {
        return received.get(received.size() - 1);
    }

    private static List<Embedded> embedded(List<Received> received) {
        return received.stream()
                .map(Received::report)
                .filter(Embedded.class::isInstance)
                .map(Embedded.class::cast)
                .toList();
    }

    private EmbeddingModel activeModel() {
        EmbeddingModelVersion version = models.active().model();
        return new EmbeddingModel(version.name(), version.fingerprint(), version.dimension());
    }

    private List<String> runs(UUID documentId) {
        return jdbc.queryForList(
                "SELECT outcome || ' ' || model_fingerprint FROM embedding_run WHERE document_id = ?",
                String.class,
                documentId);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static double length(float[] vector) {
        return Math.sqrt(
                IntStream.range(0, vector.length)
                        .mapToDouble(i -> vector[i] * (double) vector[i])
                        .sum());
    }

    private record Received(String type, String eventId, DocumentProcessingReport report) {}
}
