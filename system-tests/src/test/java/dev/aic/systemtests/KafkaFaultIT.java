package dev.aic.systemtests;

import static org.awaitility.Awaitility.await;

import dev.aic.contracts.integration.IntegrationHeaders;
import dev.aic.contracts.integration.Topics;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Kafka faults (issue 7, item 4). The broker is restarted while members register and documents are
 * uploaded: commands keep being accepted while it is down; afterwards every {@code
 * UserEvent.Registered} is on the members' topic (the contract other bounded contexts consume), and
 * every document, uploaded before, during and after the outage, is processed by the ai-worker to
 * completion exactly once. Then a second ai-worker joins the consumer group in the middle of a
 * stream of uploads: the documents' partitions are shared out between the two, and still every
 * document is processed to completion once.
 *
 * <p>"Processed once" is observed three times over: one {@code ProcessingStarted} and one {@code
 * ProcessingCompleted} in the event store, and as many chunk rows in pgvector as the processing
 * reported.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaFaultIT {

    private static final int SECOND_WORKER_PORT = 18084;
    private static final Duration LOAD_DEADLINE = Duration.ofMinutes(3);
    private static final Duration DELIVERY_DEADLINE = Duration.ofMinutes(4);
    private static final Pattern DOCUMENT_PARTITIONS =
            Pattern.compile("partitions assigned: \\[(aic\\.documents\\.v1-[^\\]]*)]");

    private final Platform platform = Platform.shared();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Order(1)
    @Test
    void restartingTheBrokerWhileMembersRegisterAndDocumentsArriveLosesAndRepeatsNothing()
            throws Exception {
        String prefix = "kafka-restart-" + run;
        var documents =
                new DocumentStream(
                        platform, platform.token("archivist-" + run), run, DELIVERY_DEADLINE);
        try (var published = PublishedRecords.on(Topics.USERS)) {
            String verified;
            try (var load = CommandLoad.start(platform, prefix, 4)) {
                load.awaitAccepted(100, LOAD_DEADLINE);
                documents.upload();
                long stopping = System.nanoTime();
                InfraFaults.stopKafka();
                long stopped = System.nanoTime();
                load.awaitAccepted(100, LOAD_DEADLINE);
                documents.upload();
                long starting = System.nanoTime();
                InfraFaults.startKafka();
                long restarted = System.nanoTime();
                load.awaitAccepted(100, LOAD_DEADLINE);
                documents.upload();
                load.close();
                System.out.printf(
                        "Broker stopped in %d ms, down for %d ms (100 commands and an upload accepted"
                                + " meanwhile), ready again %d ms after its start; %s%n",
                        (stopped - stopping) / 1_000_000,
                        (restarted - stopped) / 1_000_000,
                        (restarted - starting) / 1_000_000,
                        load.summary());
                verified = load.verifyAgainstTheStore();
            }
            long restartedAt = System.nanoTime();
            String delivered = awaitPublished(prefix, published);
            List<String> processed = documents.awaitProcessedOnce();
            System.out.printf(
                    "Broker restart: %s; %s; documents processed once each (1 start, 1 completion, chunk"
                            + " rows = chunk count): %s, the last %d ms after the load stopped%n",
                    verified, delivered, processed, (System.nanoTime() - restartedAt) / 1_000_000);
        }
    }

    @Order(2)
    @Test
    void aSecondAiWorkerJoiningMidStreamLosesAndRepeatsNothing() throws Exception {
        var documents =
                new DocumentStream(
                        platform, platform.token("librarian-" + run), run, DELIVERY_DEADLINE);
        documents.upload();
        documents.upload();
        try (ServiceProcess second =
                ServiceProcess.start(
                        "ai-worker",
                        "ai-worker-2",
                        SECOND_WORKER_PORT,
                        platform.aiWorkerEnvironment())) {
            documents.upload();
            documents.upload();
            ServiceProcess joining = second.awaitReady(Platform.START_DEADLINE);
            await("the second ai-worker consumes documents")
                    .atMost(Platform.START_DEADLINE)
                    .until(() -> DOCUMENT_PARTITIONS.matcher(joining.logText()).find());
            documents.upload();
            documents.upload();
            System.out.printf(
                    "A second ai-worker joined the group mid-stream (document partitions of the first: %s,"
                            + " of the second: %s); %d documents uploaded around the join%n",
                    documentPartitions(platform.aiWorker()),
                    documentPartitions(second),
                    documents.documents().size());
            List<String> processed = documents.awaitProcessedOnce();
            System.out.printf(
                    "Rebalance: documents processed once each (1 start, 1 completion, chunk rows = chunk"
                            + " count): %s%n",
                    processed);
        }
    }

    /**
     * Waits until every {@code UserEvent.Registered} of the load's members is on the members'
     * topic; the publisher delivers at least once, so a record published twice is counted, not
     * refused. Returns the figures.
     */
    private String awaitPublished(String prefix, PublishedRecords published) throws SQLException {
        List<String> events = registrations(prefix);
        List<ConsumerRecord<String, String>> records =
                published.awaitUntil(
                        "%d registrations on %s".formatted(events.size(), Topics.USERS),
                        DELIVERY_DEADLINE,
                        read ->
                                read.stream()
                                        .map(
                                                record ->
                                                        PublishedRecords.header(
                                                                record,
                                                                IntegrationHeaders.EVENT_ID))
                                        .collect(Collectors.toSet())
                                        .containsAll(events));
        Map<String, Integer> copies = new HashMap<>();
        records.forEach(
                record ->
                        copies.merge(
                                PublishedRecords.header(record, IntegrationHeaders.EVENT_ID),
                                1,
                                Integer::sum));
        long twice = events.stream().filter(event -> copies.get(event) > 1).count();
        return "%d UserEvent.Registered integration events published (%d of them more than once)"
                .formatted(events.size(), twice);
    }

    private List<String> registrations(String prefix) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (var connection = platform.database();
                var statement =
                        connection.prepareStatement(
                                """
                SELECT eventidentifier FROM event_store.domainevententry
                WHERE payloadtype = 'dev.aic.contracts.user.UserEvent$Registered'
                  AND convert_from(metadata, 'UTF8')::jsonb ->> 'actorSubject' LIKE ?""")) {
            statement.setString(
                    1, "%#" + prefix + "-%"); // members register themselves: <issuer>#<username>
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    /** The documents' partitions in the worker's latest assignments, one line per consumer. */
    private static List<String> documentPartitions(ServiceProcess worker) {
        Matcher assigned = DOCUMENT_PARTITIONS.matcher(worker.logText());
        List<String> all = new ArrayList<>();
        while (assigned.find()) {
            all.add("[" + assigned.group(1) + "]");
        }
        return all.subList(Math.max(0, all.size() - 2), all.size());
    }
}
