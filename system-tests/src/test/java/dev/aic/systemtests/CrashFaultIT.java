package dev.aic.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Crashes under load (issue 7, item 3): {@code kill -9} of the command-side, of PostgreSQL's
 * postmaster and of a query-side that is catching up. Every command the load's clients saw answered
 * 2xx has its events in the store afterwards, exactly once; nothing answered with an error left
 * anything behind; the services recover without help; a query-side killed mid-batch ends with read
 * models identical to those of one that never crashed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashFaultIT {

    private static final int CLIENTS = 6;
    private static final int ACCEPTED_BEFORE_FAULT = 400;
    private static final int ACCEPTED_AFTER_FAULT = 200;
    private static final Duration LOAD_DEADLINE = Duration.ofMinutes(3);
    private static final Duration RECOVERY_DEADLINE = Duration.ofMinutes(3);
    private static final int REPLICA_PORT = 18090;

    private final Platform platform = Platform.shared();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Order(1)
    @Test
    void killingTheCommandSideUnderLoadLosesNoAcknowledgedCommand() throws Exception {
        String verified;
        long restartMillis;
        try (var load = CommandLoad.start(platform, "crash-cs-" + run, CLIENTS)) {
            load.awaitAccepted(ACCEPTED_BEFORE_FAULT, LOAD_DEADLINE);
            long killed = System.nanoTime();
            platform.killAndRestartCommandSide();
            restartMillis = (System.nanoTime() - killed) / 1_000_000;
            load.awaitAccepted(ACCEPTED_AFTER_FAULT, LOAD_DEADLINE);
            load.close();
            System.out.printf(
                    "kill -9 of the command-side after %d accepted commands, ready again %d ms later; %s%n",
                    ACCEPTED_BEFORE_FAULT, restartMillis, load.summary());
            verified = load.verifyAgainstTheStore();
        }
        System.out.println("kill -9 of the command-side: " + verified);
    }

    @Order(2)
    @Test
    void killingPostgresUnderLoadLosesNoAcknowledgedCommandAndTheServicesRecoverOnTheirOwn()
            throws Exception {
        String verified;
        try (var load = CommandLoad.start(platform, "crash-pg-" + run, CLIENTS)) {
            load.awaitAccepted(ACCEPTED_BEFORE_FAULT, LOAD_DEADLINE);
            InfraFaults.killPostgres();
            // readiness says what a load balancer must know: without the database no service can
            // answer
            for (ServiceProcess service :
                    List.of(platform.commandSide(), platform.querySide(), platform.aiWorker())) {
                await(service.name() + " unready while the database is down")
                        .atMost(Duration.ofSeconds(45))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> !service.isReady());
            }
            long killed = System.nanoTime();
            InfraFaults.startPostgres();
            long recovered = System.nanoTime();
            // the services were not restarted: their connection pools must replace the dead
            // connections
            load.awaitAccepted(ACCEPTED_AFTER_FAULT, RECOVERY_DEADLINE);
            long serving = System.nanoTime();
            load.close();
            System.out.printf(
                    "kill -9 of PostgreSQL after %d accepted commands: crash recovery took %d ms, the"
                            + " command-side accepted commands again %d ms after the restart; %s%n",
                    ACCEPTED_BEFORE_FAULT,
                    (recovered - killed) / 1_000_000,
                    (serving - recovered) / 1_000_000,
                    load.summary());
            verified = load.verifyAgainstTheStore();
        }
        for (ServiceProcess service :
                List.of(platform.commandSide(), platform.querySide(), platform.aiWorker())) {
            await(service.name() + " ready again without a restart")
                    .atMost(RECOVERY_DEADLINE)
                    .pollInterval(Duration.ofMillis(500))
                    .until(service::isReady);
        }
        System.out.println(
                "kill -9 of PostgreSQL: "
                        + verified
                        + "; all three services ready without a restart");
    }

    @Order(3)
    @Test
    void killingAQuerySideMidBatchLeavesReadModelsIdenticalToTheStore() {
        try (var replica = QueryReplica.fresh(platform, "query_crash", 1, 1)) {
            long head = replica.head();
            var instance = replica.start(REPLICA_PORT);
            await("the new query-side a quarter into the backlog of " + head + " events")
                    .atMost(RECOVERY_DEADLINE)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> replica.fastestPosition() > head / 4);
            long slowestAtKill = replica.slowestPosition();
            long fastestAtKill = replica.fastestPosition();
            replica.kill(instance);
            assertThat(slowestAtKill).as("killed before it caught up").isLessThan(head);
            long restarted = System.nanoTime();
            replica.start(REPLICA_PORT).awaitReady(Platform.START_DEADLINE);
            String compared = replica.awaitSameAsReference(RECOVERY_DEADLINE);
            System.out.printf(
                    "kill -9 of a query-side catching up on %d events, its processors between %d and %d;"
                            + " restarted, caught up and compared in %d ms: %s%n",
                    head,
                    slowestAtKill,
                    fastestAtKill,
                    (System.nanoTime() - restarted) / 1_000_000,
                    compared);
        }
    }
}
