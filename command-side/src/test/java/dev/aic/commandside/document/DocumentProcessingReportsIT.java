package dev.aic.commandside.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.commandside.Api;
import dev.aic.contracts.document.ChunkLocation;
import dev.aic.contracts.document.DocumentEvent.ChunksEmbedded;
import dev.aic.contracts.document.DocumentEvent.ProcessingCompleted;
import dev.aic.contracts.document.DocumentEvent.ProcessingFailed;
import dev.aic.contracts.document.DocumentEvent.ProcessingStarted;
import dev.aic.contracts.document.DocumentEvent.ReprocessingRequested;
import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.document.EmbeddedChunk;
import dev.aic.contracts.document.EmbeddingModel;
import dev.aic.contracts.document.EmbeddingVector;
import dev.aic.contracts.document.ProcessingFailureReason;
import dev.aic.contracts.integration.DocumentProcessingReport;
import dev.aic.contracts.integration.DocumentProcessingReport.Completed;
import dev.aic.contracts.integration.DocumentProcessingReport.Embedded;
import dev.aic.contracts.integration.DocumentProcessingReport.Failed;
import dev.aic.contracts.integration.DocumentProcessingReport.Started;
import dev.aic.contracts.integration.IntegrationHeaders;
import dev.aic.contracts.integration.Topics;
import dev.aic.testsupport.AdminKafka;
import dev.aic.testsupport.DevIdentity;
import dev.aic.testsupport.Infrastructure;
import dev.aic.testsupport.RealInfrastructure;
import dev.aic.web.http.ApiHeaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The ai-worker's reports, published on the real topic, become the document's events once each,
 * however often they arrive; a failed document is processed again when its owner asks. Every test
 * uses a model fingerprint of its own and looks only at the events of that model.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
@SuppressWarnings("rawtypes")
class DocumentProcessingReportsIT {

    private static final Duration RECORDED_WITHIN = Duration.ofSeconds(60);
    private static final Path CONTENT;

    static {
        try {
            CONTENT = Files.createTempDirectory("aic-it-content-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void contentDirectory(DynamicPropertyRegistry registry) {
        registry.add("aic.content.directory", CONTENT::toString);
    }

    @Autowired TestRestTemplate http;

    /** Plays the topic's writer: the service's own principal may not write there. */
    KafkaTemplate<String, String> kafka = AdminKafka.template();

    @Autowired ObjectMapper json;
    @Autowired EventStore eventStore;

    private final EmbeddingModel model =
            new EmbeddingModel(
                    "all-minilm-l6-v2",
                    HexFormat.of()
                            .formatHex(
                                    UUID.randomUUID()
                                            .toString()
                                            .getBytes(StandardCharsets.US_ASCII))
                            .substring(0, 64),
                    384);

    @BeforeEach
    void membersAreRegistered() {
        Stream.of("alice", "bob")
                .forEach(
                        user ->
                                assertThat(
                                                new Api(http)
                                                        .call(
                                                                user,
                                                                HttpMethod.POST,
                                                                "/api/me",
                                                                Map.of())
                                                        .getStatusCode())
                                        .isIn(HttpStatus.CREATED, HttpStatus.CONFLICT));
    }

    @Test
    void reportsDeliveredMoreThanOnceAreRecordedOnceEach() {
        UUID id = upload("alice");
        List<EmbeddedChunk> first = List.of(chunk(0), chunk(1));
        List<EmbeddedChunk> second = List.of(chunk(2));

        String startedId = report(new Started(id, 1, model));
        report(new Embedded(id, 1, model, first));
        report(new Started(id, 1, model));
        report(new Embedded(id, 1, model, second));
        report(new Embedded(id, 1, model, first));
        report(new Completed(id, 1, model, 3));
        report(new Completed(id, 1, model, 3));

        await().atMost(RECORDED_WITHIN)
                .until(
                        () ->
                                processingEvents(id).stream()
                                        .anyMatch(ProcessingCompleted.class::isInstance));
        assertThat(processingEvents(id))
                .containsExactly(
                        new ProcessingStarted(docId(id), 1, model),
                        new ChunksEmbedded(docId(id), 1, model, first),
                        new ChunksEmbedded(docId(id), 1, model, second),
                        new ProcessingCompleted(docId(id), 1, model, 3));
        // the ai-worker, not a person, recorded them; each event leads back to the report it came
        // from
        Map<String, ?> metaData = processingMessages(id).get(0).getMetaData();
        assertThat(metaData.get("actorSubject")).isEqualTo("service#ai-worker");
        assertThat(metaData.get("client")).isEqualTo("ai-worker");
        assertThat(metaData.get("requestId")).isEqualTo(startedId);
        assertThat(metaData.get("command")).isEqualTo("DocumentCommands.RecordProcessingStarted");

        ResponseEntity<Map> again = reprocess("alice", id);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getHeaders().getContentType())
                .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(again.getBody())
                .containsEntry("type", "urn:aic:problem:document-already-processed");
        assertThat(processingEvents(id)).hasSize(4);
    }

    @Test
    void theOwnerHasAFailedDocumentProcessedAgainAndTheAiWorkerIsToldSo() throws IOException {
        UUID id = upload("alice");
        report(new Started(id, 1, model));
        report(new Failed(id, 1, model, ProcessingFailureReason.NO_TEXT, "No text in 1 page"));
        report(new Failed(id, 1, model, ProcessingFailureReason.NO_TEXT, "No text in 1 page"));
        await().atMost(RECORDED_WITHIN)
                .until(
                        () ->
                                processingEvents(id).stream()
                                        .anyMatch(ProcessingFailed.class::isInstance));
        assertThat(processingEvents(id))
                .containsExactly(
                        new ProcessingStarted(docId(id), 1, model),
                        new ProcessingFailed(
                                docId(id),
                                1,
                                model,
                                ProcessingFailureReason.NO_TEXT,
                                "No text in 1 page"));

        ResponseEntity<Map> byBob = reprocess("bob", id);
        ResponseEntity<Map> byAlice = reprocess("alice", id);

        assertThat(byBob.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(byAlice.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(byAlice.getHeaders().getETag()).isNotBlank();
        assertThat(byAlice.getHeaders().getFirst(ApiHeaders.CONSISTENCY_TOKEN)).isNotBlank();
        assertThat(byAlice.getHeaders().getLocation()).hasToString("/api/documents/" + id);
        assertThat(byAlice.getBody()).containsEntry("id", id.toString());
        DomainEventMessage<?> requested =
                eventStore
                        .readEvents(id.toString(), 0)
                        .asStream()
                        .filter(event -> event.getPayload() instanceof ReprocessingRequested)
                        .findFirst()
                        .orElseThrow();
        var payload = (ReprocessingRequested) requested.getPayload();
        assertThat(payload.version()).isEqualTo(1);
        assertThat(payload.contentType()).isEqualTo("text/plain");

        ConsumerRecord<String, String> ready = published(id.toString(), requested.getIdentifier());
        assertThat(header(ready, IntegrationHeaders.EVENT_TYPE))
                .isEqualTo("DocumentVersionReadyIntegrationEvent");
        JsonNode event = json.readTree(ready.value());
        assertThat(event.get("version").asInt()).isEqualTo(1);
        assertThat(event.get("storageKey").asText()).isEqualTo(payload.storageKey());
        assertThat(event.get("sha256").asText()).isEqualTo(payload.sha256());
        assertThat(event.get("sizeBytes").asLong()).isEqualTo(payload.sizeBytes());
        assertThat(event.get("contentType").asText()).isEqualTo("text/plain");

        // the ai-worker starts again from the first chunk, and this time completes
        report(new Started(id, 1, model));
        report(new Embedded(id, 1, model, List.of(chunk(0))));
        report(new Completed(id, 1, model, 1));
        await().atMost(RECORDED_WITHIN)
                .until(
                        () ->
                                processingEvents(id).stream()
                                        .anyMatch(ProcessingCompleted.class::isInstance));
        assertThat(processingEvents(id))
                .containsExactly(
                        new ProcessingStarted(docId(id), 1, model),
                        new ProcessingFailed(
                                docId(id),
                                1,
                                model,
                                ProcessingFailureReason.NO_TEXT,
                                "No text in 1 page"),
                        new ProcessingStarted(docId(id), 1, model),
                        new ChunksEmbedded(docId(id), 1, model, List.of(chunk(0))),
                        new ProcessingCompleted(docId(id), 1, model, 1));
        assertThat(reprocess("alice", id).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void reportsThatCannotBeRecordedDoNotHoldUpTheOnesBehindThem() {
        UUID id = upload("alice");
        int partition = 0;
        EmbeddedChunk wrongLength =
                new EmbeddedChunk(
                        0,
                        "text",
                        0,
                        ChunkLocation.page(1),
                        0,
                        4,
                        1,
                        new EmbeddingVector(new float[] {0.5f, 0.5f}));

        report(partition, new Started(UUID.randomUUID(), 1, model));
        report(partition, new Started(id, 1, model));
        report(partition, new Embedded(id, 1, model, List.of(wrongLength)));
        report(partition, new Embedded(id, 1, model, List.of(chunk(0))));

        await().atMost(RECORDED_WITHIN)
                .until(
                        () ->
                                processingEvents(id).stream()
                                        .anyMatch(ChunksEmbedded.class::isInstance));
        assertThat(processingEvents(id))
                .containsExactly(
                        new ProcessingStarted(docId(id), 1, model),
                        new ChunksEmbedded(docId(id), 1, model, List.of(chunk(0))));
    }

    private UUID upload(String user) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        HttpHeaders partHeaders = new HttpHeaders();
        partHeaders.setContentType(MediaType.TEXT_PLAIN);
        byte[] bytes =
                ("Notes " + UUID.randomUUID() + "\n\nWhat we said about retrieval.\n")
                        .getBytes(StandardCharsets.UTF_8);
        form.add(
                "file",
                new HttpEntity<>(
                        new ByteArrayResource(bytes) {
                            @Override
                            public String getFilename() {
                                return "notes.txt";
                            }
                        },
                        partHeaders));
        form.add("title", "Notes");
        form.add("visibility", "MEMBERS");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        headers.setBearerAuth(DevIdentity.start().accessToken(user));
        ResponseEntity<Map> response =
                http.exchange(
                        "/api/documents",
                        HttpMethod.POST,
                        new HttpEntity<>(form, headers),
                        Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return UUID.fromString((String) response.getBody().get("id"));
    }

    private ResponseEntity<Map> reprocess(String user, UUID id) {
        return new Api(http)
                .call(user, HttpMethod.POST, "/api/documents/" + id + "/reprocess", null);
    }

    /** Publishes a report as the ai-worker does, keyed by its document; answers its event id. */
    private String report(DocumentProcessingReport report) {
        return report(null, report);
    }

    private String report(Integer partition, DocumentProcessingReport report) {
        String eventId = UUID.randomUUID().toString();
        try {
            var record =
                    new ProducerRecord<>(
                            Topics.DOCUMENT_PROCESSING,
                            partition,
                            report.documentId().toString(),
                            json.writeValueAsString(report));
            record.headers()
                    .add(IntegrationHeaders.EVENT_ID, eventId.getBytes(StandardCharsets.UTF_8));
            record.headers()
                    .add(
                            IntegrationHeaders.EVENT_TYPE,
                            report.getClass().getSimpleName().getBytes(StandardCharsets.UTF_8));
            kafka.send(record).get();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Report not published", e);
        }
        return eventId;
    }

    /**
     * This test's model's processing events of the document, in the order they are stored: all of
     * them, from the first, not from a snapshot (another instance of the service in this JVM may
     * have taken one).
     */
    private List<Object> processingEvents(UUID id) {
        return processingMessages(id).stream()
                .map(DomainEventMessage::getPayload)
                .map(Object.class::cast)
                .toList();
    }

    private List<DomainEventMessage<?>> processingMessages(UUID id) {
        return eventStore
                .readEvents(id.toString(), 0)
                .asStream()
                .filter(message -> ofThisModel(message.getPayload()))
                .<DomainEventMessage<?>>map(message -> message)
                .toList();
    }

    private boolean ofThisModel(Object event) {
        EmbeddingModel of =
                event instanceof ProcessingStarted started
                        ? started.model()
                        : event instanceof ChunksEmbedded embedded
                                ? embedded.model()
                                : event instanceof ProcessingCompleted completed
                                        ? completed.model()
                                        : event instanceof ProcessingFailed failed
                                                ? failed.model()
                                                : null;
        return model.equals(of);
    }

    private ConsumerRecord<String, String> published(String key, String eventId) {
        Properties config = new Properties();
        config.putAll(Infrastructure.endpoints().kafka().asAdmin());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> matching = new ArrayList<>();
        try (var consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.DOCUMENTS));
            await().atMost(RECORDED_WITHIN)
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(500))
                                        .forEach(
                                                record -> {
                                                    if (key.equals(record.key())
                                                            && eventId.equals(
                                                                    header(
                                                                            record,
                                                                            IntegrationHeaders
                                                                                    .EVENT_ID))) {
                                                        matching.add(record);
                                                    }
                                                });
                                return !matching.isEmpty();
                            });
        }
        return matching.get(0);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * A chunk with a 384-dimension vector, as the shipped models make; the same for the same index.
     */
    private static EmbeddedChunk chunk(int index) {
        Random random = new Random(index);
        float[] vector = new float[384];
        IntStream.range(0, vector.length).forEach(i -> vector[i] = random.nextFloat() - 0.5f);
        String text = "Chunk " + index + " of the notes";
        return new EmbeddedChunk(
                index,
                text,
                0,
                ChunkLocation.headings(List.of("Notes")),
                0,
                text.length(),
                8,
                new EmbeddingVector(vector));
    }

    private static DocumentId docId(UUID id) {
        return new DocumentId(id);
    }
}
