package dev.aic.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aic.contracts.integration.Topics;
import dev.aic.testsupport.Infrastructure;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Graceful shutdown (issue 20, item 7): SIGTERM, as Kubernetes stops a pod in a rollout, not {@code kill -9}.
 * The command-side stopped under load finishes the commands it holds: every command answered 2xx has its events
 * in the store, every other one was answered clearly (a 4xx, or 503 and nothing stored) or never reached it
 * (connection refused), and none was left hanging or reset. The ai-worker stopped while integration events flow
 * commits the offset of every record it applied before it exits, so after the restart each effect runs once and
 * its group catches up to the end of the topic without taking anything again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GracefulShutdownFaultIT {

    private static final int CLIENTS = 6;
    private static final Duration LOAD_DEADLINE = Duration.ofMinutes(3);
    private static final Duration DELIVERY_DEADLINE = Duration.ofMinutes(4);
    /** Spring's shutdown phase timeout (30 s) plus slack: well inside the pods' 60 s termination grace period. */
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
            System.out.printf("SIGTERM to the command-side after 200 accepted commands, exited %d ms later; %s%n",
                    shutdown.toMillis(), load.summary());
            verified = load.verifyNothingInDoubt();
            assertThat(load.errorStatuses().keySet()).as("statuses of the commands not accepted")
                    .allMatch(status -> status < 500 || status == 503);
        }
        System.out.println("SIGTERM to the command-side: " + verified);
    }

    @Order(2)
    @Test
    void sigtermToTheAiWorkerWhileEventsFlowCommitsWhatItAppliedAndRepeatsNothing() throws Exception {
        String prefix = "sigterm-ai-" + run;
        var registrations = new MemberRegistrations(platform, prefix);
        String group = platform.aiWorkerEnvironment().get("SPRING_KAFKA_CONSUMER_GROUP_ID");
        var stoppedLog = new AtomicReference<String>();
        var committedAtStop = new AtomicReference<Map<TopicPartition, Long>>();
        String verified;
        Duration shutdown;
        try (var load = CommandLoad.start(platform, prefix, 4)) {
            load.awaitAccepted(60, LOAD_DEADLINE);
            await("the ai-worker applying this load's registrations").atMost(DELIVERY_DEADLINE)
                    .pollInterval(Duration.ofMillis(200)).until(() -> registrations.inInbox() >= 20);
            shutdown = platform.terminateAndRestartAiWorker(SHUTDOWN_WITHIN, stopped -> {
                stoppedLog.set(stopped.logText());
                committedAtStop.set(committedOffsets(group));
            });
            load.awaitAccepted(60, LOAD_DEADLINE);
            load.close();
            verified = load.verifyAgainstTheStore();
        }

        // everything the stopped worker applied lies below its group's committed offsets: none of it is delivered again
        List<MemberRegistrations.Applied> appliedBeforeStop = MemberRegistrations.appliedIn(stoppedLog.get());
        List<MemberRegistrations.Applied> uncommitted = appliedBeforeStop.stream()
                .filter(applied -> applied.offset() >= committedAtStop.get()
                        .getOrDefault(new TopicPartition(Topics.USERS, applied.partition()), -1L))
                .toList();
        assertThat(uncommitted).as("records applied before SIGTERM whose offsets were not committed (of %d), with"
                + " the committed offsets %s", appliedBeforeStop.size(), committedAtStop.get()).isEmpty();

        Map<String, String> logs = new LinkedHashMap<>();
        logs.put("stopped ai-worker", stoppedLog.get());
        logs.put("restarted ai-worker", platform.aiWorker().logText());
        String delivered = registrations.awaitAppliedOnce(DELIVERY_DEADLINE, logs);
        await("the group's committed offsets at the end of " + Topics.USERS).atMost(DELIVERY_DEADLINE)
                .pollInterval(Duration.ofMillis(500)).until(() -> committedOffsets(group).equals(endOffsets()));
        System.out.printf("SIGTERM to the ai-worker mid-stream: exited %d ms later, having applied %d records, all of"
                        + " them below the committed offsets %s; %s; %s; committed offsets at the end of the topic%n",
                shutdown.toMillis(), appliedBeforeStop.size(), committedAtStop.get(), verified, delivered);
    }

    private static Map<TopicPartition, Long> committedOffsets(String group) {
        try (Admin admin = Admin.create(Infrastructure.endpoints().kafka().asAdmin())) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return committed.entrySet().stream()
                    .filter(entry -> entry.getKey().topic().equals(Topics.USERS) && entry.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset(), (a, b) -> a,
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
            var partitions = admin.describeTopics(List.of(Topics.USERS)).allTopicNames().get().get(Topics.USERS)
                    .partitions().stream()
                    .collect(Collectors.toMap(info -> new TopicPartition(Topics.USERS, info.partition()),
                            info -> OffsetSpec.latest()));
            return admin.listOffsets(partitions).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset(), (a, b) -> a,
                            HashMap<TopicPartition, Long>::new));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the end offsets of " + Topics.USERS, e);
        }
    }
}
