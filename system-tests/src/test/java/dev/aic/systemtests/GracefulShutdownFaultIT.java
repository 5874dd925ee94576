package dev.aic.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aic.contracts.integration.Topics;
import dev.aic.testsupport.Infrastructure;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Graceful shutdown (issue 20, item 7): SIGTERM, as Kubernetes stops a pod in a rollout, not {@code
 * kill -9}. The command-side stopped under load finishes the commands it holds: every command
 * answered 2xx has its events in the store, every other one was answered clearly (a 4xx, or 503 and
 * nothing stored) or never reached it (connection refused, or closed before it read the request),
 * and none took effect without its answer. The ai-worker stopped while documents arrive commits the
 * offset of every version it completed before it exits, so after the restart each document is
 * processed once and its group catches up to the end of the topic without taking anything again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GracefulShutdownFaultIT {

    private static final int CLIENTS = 6;
    private static final Duration LOAD_DEADLINE = Duration.ofMinutes(3);
    private static final Duration DELIVERY_DEADLINE = Duration.ofMinutes(4);

    /**
     * Spring's shutdown phase timeout (30 s) plus slack: well inside the pods' 60 s termination
     * grace period.
     */
    private static final Duration SHUTDOWN_WITHIN = Duration.ofSeconds(50);

    private final Platform platform = Platform.shared();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Order(1)
    @Test
    void sigtermToTheCommandSideUnderLoadAnswersEveryCommandItHolds() throws Exception {
        String verified;
        Duration shutdown;
        try (var load = CommandLoad.start(platform, "sigterm-cs-" + run, CLIENTS)) {
            load.awaitAccepted(200, LOAD_DEADLINE);
            shutdown = platform.terminateAndRestartCommandSide(SHUTDOWN_WITHIN);
            load.awaitAccepted(100, LOAD_DEADLINE);
            load.close();
            System.out.printf(
                    "SIGTERM to the command-side after 200 accepted commands, exited %d ms later; %s%n",
                    shutdown.toMillis(), load.summary());
            verified = load.verifyNothingInDoubt();
            assertThat(load.errorStatuses().keySet())
                    .as("statuses of the commands not accepted")
                    .allMatch(status -> status < 500 || status == 503);
        }
        System.out.println("SIGTERM to the command-side: " + verified);
    }

    @Order(2)
    @Test
    void sigtermToTheAiWorkerWhileDocumentsArriveCommitsWhatItProcessedAndRepeatsNothing()
            throws Exception {
        // the document listener's group: the ai-worker's own unless AIC_DOCUMENTS_GROUP_ID says
        // otherwise
        String group = platform.aiWorkerEnvironment().get("SPRING_KAFKA_CONSUMER_GROUP_ID");
        var documents =
                new DocumentStream(
                        platform,
                        platform.token("sigterm-librarian-" + run),
                        run,
                        DELIVERY_DEADLINE);
        var completedAtStop = new AtomicReference<List<String>>();
        var committedAtStop = new AtomicReference<Map<TopicPartition, Long>>();
        Duration shutdown;
        List<ConsumerRecord<String, String>> announced;
        try (var published = PublishedRecords.on(Topics.DOCUMENTS)) {
            for (int n = 0; n < 4; n++) {
                documents.upload();
            }
            await("the ai-worker completing some of this stream's documents")
                    .atMost(DELIVERY_DEADLINE)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> documents.completed().size() >= 2);
            shutdown =
                    platform.terminateAndRestartAiWorker(
                            SHUTDOWN_WITHIN,
                            stopped -> {
                                completedAtStop.set(documents.completed());
                                committedAtStop.set(committedOffsets(group));
                                // announced while no worker runs: they wait on the topic for the
                                // restarted one
                                documents.upload();
                                documents.upload();
                            });
            documents.upload();
            announced =
                    published.awaitUntil(
                            "the stream's versions on " + Topics.DOCUMENTS,
                            DELIVERY_DEADLINE,
                            read ->
                                    read.stream()
                                            .map(ConsumerRecord::key)
                                            .collect(Collectors.toSet())
                                            .containsAll(documents.documents()));
        }

        // every version the stopped worker completed lies below its group's committed offsets: none
        // is delivered again
        List<String> uncommitted =
                announced.stream()
                        .filter(record -> completedAtStop.get().contains(record.key()))
                        .filter(
                                record ->
                                        record.offset()
                                                >= committedAtStop
                                                        .get()
                                                        .getOrDefault(
                                                                new TopicPartition(
                                                                        record.topic(),
                                                                        record.partition()),
                                                                -1L))
                        .map(
                                record ->
                                        record.key()
                                                + "@"
                                                + record.partition()
                                                + ":"
                                                + record.offset())
                        .toList();
        assertThat(uncommitted)
                .as(
                        "versions completed before SIGTERM whose offsets were not committed (of %d), with"
                                + " the committed offsets %s",
                        completedAtStop.get().size(), committedAtStop.get())
                .isEmpty();

        List<String> processed = documents.awaitProcessedOnce();
        await("the group's committed offsets at the end of " + Topics.DOCUMENTS)
                .atMost(DELIVERY_DEADLINE)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> committedOffsets(group).equals(endOffsets()));
        System.out.printf(
                "SIGTERM to the ai-worker mid-stream: exited %d ms later, having completed %d versions, all of"
                        + " them below the committed offsets %s; documents processed once each (1 start, 1 completion,"
                        + " chunk rows = chunk count): %s; committed offsets at the end of the topic%n",
                shutdown.toMillis(),
                completedAtStop.get().size(),
                committedAtStop.get(),
                processed);
    }

    private static Map<TopicPartition, Long> committedOffsets(String group) {
        try (Admin admin = Admin.create(Infrastructure.endpoints().kafka().asAdmin())) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return committed.entrySet().stream()
                    .filter(
                            entry ->
                                    entry.getKey().topic().equals(Topics.DOCUMENTS)
                                            && entry.getValue() != null)
                    .collect(
                            Collectors.toMap(
                                    Map.Entry::getKey,
                                    entry -> entry.getValue().offset(),
                                    (a, b) -> a,
                                    HashMap<TopicPartition, Long>::new));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the offsets of " + group, e);
        }
    }

    private static Map<TopicPartition, Long> endOffsets() {
        try (Admin admin = Admin.create(Infrastructure.endpoints().kafka().asAdmin())) {
            var partitions =
                    admin
                            .describeTopics(List.of(Topics.DOCUMENTS))
                            .allTopicNames()
                            .get()
                            .get(Topics.DOCUMENTS)
                            .partitions()
                            .stream()
                            .collect(
                                    Collectors.toMap(
                                            info ->
                                                    new TopicPartition(
                                                            Topics.DOCUMENTS, info.partition()),
                                            info -> OffsetSpec.latest()));
            return admin.listOffsets(partitions).all().get().entrySet().stream()
                    .collect(
                            Collectors.toMap(
                                    Map.Entry::getKey,
                                    entry -> entry.getValue().offset(),
                                    (a, b) -> a,
                                    HashMap<TopicPartition, Long>::new));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Cannot read the end offsets of " + Topics.DOCUMENTS, e);
        }
    }
}
