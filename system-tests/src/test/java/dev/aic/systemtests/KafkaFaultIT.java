package dev.aic.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aic.aiworker.extraction.TestDocuments;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Kafka faults (issue 7, item 4). The broker is restarted while members register and the command-side publishes
 * their {@code UserRegistered} integration events: commands keep being accepted while it is down, and afterwards
 * every integration event has reached the ai-worker and been applied exactly once. Then a second ai-worker joins
 * the consumer group in the middle of a stream of registrations and uploads: the partitions are shared out
 * between the two, and still every registration is applied once and every uploaded document is processed to
 * completion once.
 *
 * <p>"Applied" is observed twice over: the idempotent consumer's inbox row and the effect itself
 * ({@link MemberRegistrations}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaFaultIT {

    private static final int SECOND_WORKER_PORT = 18084;
    private static final Duration LOAD_DEADLINE = Duration.ofMinutes(3);
    private static final Duration DELIVERY_DEADLINE = Duration.ofMinutes(4);
    private static final Pattern USER_PARTITIONS = Pattern.compile("partitions assigned: \\[(aic\\.users\\.v1-[^\\]]*)]");

    private final Platform platform = Platform.shared();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Order(1)
    @Test
    void restartingTheBrokerWhileIntegrationEventsFlowDeliversEveryOneOnce() throws Exception {
        String prefix = "kafka-restart-" + run;
        String verified;
        try (var load = CommandLoad.start(platform, prefix, 4)) {
            load.awaitAccepted(100, LOAD_DEADLINE);
            long stopping = System.nanoTime();
            InfraFaults.stopKafka();
            long stopped = System.nanoTime();
            load.awaitAccepted(100, LOAD_DEADLINE);
            long starting = System.nanoTime();
            InfraFaults.startKafka();
            long restarted = System.nanoTime();
            load.awaitAccepted(100, LOAD_DEADLINE);
            load.close();
            System.out.printf("Broker stopped in %d ms, down for %d ms (100 commands accepted meanwhile), ready again"
                            + " %d ms after its start; %s%n", (stopped - stopping) / 1_000_000,
                    (restarted - stopped) / 1_000_000, (restarted - starting) / 1_000_000, load.summary());
            verified = load.verifyAgainstTheStore();
        }
        long restartedAt = System.nanoTime();
        String delivered = awaitAppliedOnce(prefix, List.of(platform.aiWorker()));
        System.out.printf("Broker restart: %s; %s, the last %d ms after the load stopped%n", verified, delivered,
                (System.nanoTime() - restartedAt) / 1_000_000);
    }

    @Order(2)
    @Test
    void aSecondAiWorkerJoiningMidStreamLosesAndRepeatsNothing() throws Exception {
        String prefix = "kafka-rebalance-" + run;
        String member = platform.token("librarian-" + run);
        Http.Reply signedIn = Http.to(platform.commandSide().url("/api/me")).bearer(member).post("{}");
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(201);
        List<String> documents = new ArrayList<>();
        ServiceProcess second = null;
        try {
            String verified;
            try (var load = CommandLoad.start(platform, prefix, 2)) {
                load.awaitAccepted(50, LOAD_DEADLINE);
                documents.add(upload(member, documents.size()));
                documents.add(upload(member, documents.size()));
                second = ServiceProcess.start("ai-worker", "ai-worker-2", SECOND_WORKER_PORT,
                        platform.aiWorkerEnvironment());
                documents.add(upload(member, documents.size()));
                documents.add(upload(member, documents.size()));
                ServiceProcess joining = second.awaitReady(Platform.START_DEADLINE);
                await("the second ai-worker consumes user events").atMost(Platform.START_DEADLINE)
                        .until(() -> USER_PARTITIONS.matcher(joining.logText()).find());
                documents.add(upload(member, documents.size()));
                documents.add(upload(member, documents.size()));
                load.awaitAccepted(50, LOAD_DEADLINE);
                load.close();
                System.out.printf("A second ai-worker joined the group mid-stream (user partitions of the first: %s,"
                                + " of the second: %s); %d documents uploaded around the join; %s%n",
                        lastUserPartitions(platform.aiWorker()), lastUserPartitions(second), documents.size(),
                        load.summary());
                verified = load.verifyAgainstTheStore();
            }
            String delivered = awaitAppliedOnce(prefix, List.of(platform.aiWorker(), second));
            List<String> processed = new ArrayList<>();
            for (String document : documents) {
                int chunks = awaitIndexed(member, document);
                assertThat(platform.storedEvents(document, "DocumentEvent$ProcessingStarted"))
                        .as("processing runs of %s", document).isEqualTo(1);
                assertThat(platform.storedEvents(document, "DocumentEvent$ProcessingCompleted"))
                        .as("completions of %s", document).isEqualTo(1);
                assertThat(chunkRows(document)).as("chunk rows of %s in pgvector", document).isEqualTo(chunks);
                processed.add(document.substring(0, 8) + ":" + chunks + " chunks");
            }
            System.out.printf("Rebalance: %s; %s; documents processed once each (1 start, 1 completion, chunk rows"
                    + " = chunk count): %s%n", verified, delivered, processed);
        } finally {
            if (second != null) {
                second.close();
            }
        }
    }

    private String awaitAppliedOnce(String prefix, List<ServiceProcess> workers) throws SQLException {
        Map<String, String> logs = new LinkedHashMap<>();
        workers.forEach(worker -> logs.put(worker.name(), worker.logText()));
        return new MemberRegistrations(platform, prefix).awaitAppliedOnce(DELIVERY_DEADLINE, logs);
    }

    private static String lastUserPartitions(ServiceProcess worker) {
        Matcher assigned = USER_PARTITIONS.matcher(worker.logText());
        String last = "none";
        while (assigned.find()) {
            last = "[" + assigned.group(1) + "]";
        }
        return last;
    }

    private String upload(String token, int n) {
        byte[] pdf = TestDocuments.pdf(List.of("Rebalance notes %s number %d: the reading circle meets on Thursday %d."
                .formatted(run, n, n)));
        Http.Reply uploaded = Http.to(platform.commandSide().url("/api/documents")).bearer(token)
                .multipart("POST", Map.of("title", "Rebalance " + n, "visibility", "MEMBERS"), "notes-" + n + ".pdf", pdf);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        return uploaded.json().get("id").asText();
    }

    /** The chunk count of the document's processing once it is INDEXED; fails at once if it FAILED. */
    private int awaitIndexed(String token, String document) {
        int[] chunks = new int[1];
        await("document " + document + " indexed").atMost(DELIVERY_DEADLINE).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    Http.Reply read = Http.to(platform.querySide().url("/api/documents/" + document)).bearer(token).get();
                    if (read.status() != 200) {
                        return false;
                    }
                    var processing = read.json().get("processing");
                    assertThat(processing.get("status").asText()).as(read.toString()).isNotEqualTo("FAILED");
                    chunks[0] = processing.path("chunkCount").asInt();
                    return "INDEXED".equals(processing.get("status").asText());
                });
        return chunks[0];
    }

    private long chunkRows(String document) throws SQLException {
        try (var connection = platform.database(); var statement = connection.prepareStatement(
                "SELECT count(*) FROM query.document_chunk WHERE document_id = ?::uuid")) {
            statement.setString(1, document);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
