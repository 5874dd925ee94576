package dev.aic.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Many query-side instances at once (issue 7, item 2): four start together on an empty token table,
 * with six segments per processor and two threads each, so that the claims spread (a tracking
 * processor's thread works one segment at a time; six segments leave the three survivors of a kill
 * enough threads to take over every one). All of them start; every segment of every processor is
 * claimed by exactly one live instance, and no instance holds more segments of a processor than it
 * has threads. The instance holding the most segments is then killed with {@code kill -9}: the
 * others take its segments over once its claims time out. Members register and RSVP all along, from
 * before the instances start until after the takeover; at the end the fleet's read models are
 * identical to those of the platform's own query-side, so no event was skipped or processed twice.
 */
class QuerySideFleetFaultIT {

    private static final int INSTANCES = 4;
    private static final int SEGMENTS = 6;
    private static final int THREADS = 2;
    private static final int FIRST_PORT = 18091;
    private static final Duration FLEET_START_DEADLINE = Duration.ofMinutes(4);
    private static final Duration TAKEOVER_DEADLINE = Duration.ofMinutes(2);
    private static final Duration CATCH_UP_DEADLINE = Duration.ofMinutes(3);

    private final Platform platform = Platform.shared();

    @Test
    void fourInstancesShareTheSegmentsAndTakeOverFromOneKilledWithoutSkippingOrDoubling()
            throws Exception {
        // members keep registering and RSVPing from before the instances start until after one of
        // them died
        try (var fleet = QueryReplica.fresh(platform, "query_fleet", SEGMENTS, THREADS, "250ms");
                var load =
                        CommandLoad.start(
                                platform,
                                "fleet-" + UUID.randomUUID().toString().substring(0, 8),
                                1)) {
            long started = System.nanoTime();
            for (int i = 0; i < INSTANCES; i++) {
                fleet.start(FIRST_PORT + i);
            }
            for (ServiceProcess instance : fleet.instances()) {
                instance.awaitReady(FLEET_START_DEADLINE);
            }
            long ready = System.nanoTime();
            int segments =
                    QueryReplica.PROCESSORS.size() * SEGMENTS + QueryReplica.SINGLE_SEGMENT.size();
            await("all %d segments claimed".formatted(segments))
                    .atMost(TAKEOVER_DEADLINE)
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertClaimedByLiveInstances(fleet, segments));
            System.out.printf(
                    "%d query-side instances started together in %d ms on an empty token table, under load;"
                            + " %d segments claimed once each: %s%n",
                    INSTANCES,
                    (ready - started) / 1_000_000,
                    segments,
                    claimsPerInstance(fleet, fleet.claims()));

            ServiceProcess victim = busiest(fleet, fleet.claims());
            List<String> orphaned = segmentsOf(victim, fleet.claims());
            long killed = System.nanoTime();
            fleet.kill(victim);
            await("segments of the killed instance taken over")
                    .atMost(TAKEOVER_DEADLINE)
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertClaimedByLiveInstances(fleet, segments));
            long takenOver = System.nanoTime();
            System.out.printf(
                    "kill -9 of %s (pid %d) holding %d segments %s: all taken over within %d ms; claims now"
                            + " %s%n",
                    victim.name(),
                    victim.pid(),
                    orphaned.size(),
                    orphaned,
                    (takenOver - killed) / 1_000_000,
                    claimsPerInstance(fleet, fleet.claims()));
            load.awaitAccepted(50, CATCH_UP_DEADLINE);
            load.close();
            System.out.println(
                    "Fleet load: " + load.summary() + "; " + load.verifyAgainstTheStore());
            System.out.println(
                    "Fleet after the kill: " + fleet.awaitSameAsReference(CATCH_UP_DEADLINE));
        }
    }

    /**
     * Every segment has an owner; each owner is a live instance holding at most its threads' worth
     * per processor.
     */
    private static void assertClaimedByLiveInstances(QueryReplica fleet, int segments) {
        Map<String, String> claims = new TreeMap<>();
        fleet.claims().forEach((segment, owner) -> claims.put(segment, jvmOf(owner)));
        assertThat(claims).as("segments in the token table").hasSize(segments);
        List<String> owners = fleet.instances().stream().map(QuerySideFleetFaultIT::owner).toList();
        assertThat(claims)
                .as("claims by the live instances %s", owners)
                .allSatisfy((segment, owner) -> assertThat(owner).isNotNull().isIn(owners));
        Map<String, Long> perProcessorAndOwner =
                claims.entrySet().stream()
                        .collect(
                                Collectors.groupingBy(
                                        claim ->
                                                claim.getKey().split("/")[0]
                                                        + " by "
                                                        + claim.getValue(),
                                        Collectors.counting()));
        assertThat(perProcessorAndOwner)
                .as("segments per processor and instance")
                .allSatisfy((who, count) -> assertThat(count).isLessThanOrEqualTo((long) THREADS));
    }

    /**
     * The query-side names a claim's owner after its JVM and context: {@code <pid>@<host>/<random
     * id>}.
     */
    private static String owner(ServiceProcess instance) {
        return instance.pid() + "@" + hostName();
    }

    /** The JVM part of a claim's owner, {@code <pid>@<host>}, or null for an unclaimed segment. */
    private static String jvmOf(String owner) {
        return owner == null ? null : owner.split("/")[0];
    }

    private static String hostName() {
        String jvm = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
        return jvm.substring(jvm.indexOf('@') + 1);
    }

    private static ServiceProcess busiest(QueryReplica fleet, Map<String, String> claims) {
        return fleet.instances().stream()
                .max(
                        (a, b) ->
                                Integer.compare(
                                        segmentsOf(a, claims).size(), segmentsOf(b, claims).size()))
                .orElseThrow();
    }

    private static List<String> segmentsOf(ServiceProcess instance, Map<String, String> claims) {
        List<String> segments = new ArrayList<>();
        claims.forEach(
                (segment, owner) -> {
                    if (Objects.equals(jvmOf(owner), owner(instance))) {
                        segments.add(segment);
                    }
                });
        return segments;
    }

    private static Map<String, Integer> claimsPerInstance(
            QueryReplica fleet, Map<String, String> claims) {
        Map<String, Integer> perInstance = new TreeMap<>();
        for (ServiceProcess instance : fleet.instances()) {
            perInstance.put(
                    instance.name().replace("query-side-", ""),
                    segmentsOf(instance, claims).size());
        }
        return perInstance;
    }
}
