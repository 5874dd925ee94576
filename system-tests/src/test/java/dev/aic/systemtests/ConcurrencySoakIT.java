package dev.aic.systemtests;

import static dev.aic.queryside.ProjectionNames.COMMUNITY_EVENTS;
import static dev.aic.queryside.ProjectionNames.COMMUNITY_EVENTS_SEARCH;
import static dev.aic.queryside.ProjectionNames.DOCUMENTS;
import static dev.aic.queryside.ProjectionNames.DOCUMENT_CHUNKS_SEARCH;
import static dev.aic.queryside.ProjectionNames.USERS;
import static dev.aic.queryside.ProjectionNames.USERS_SEARCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aic.aiworker.extraction.TestDocuments;
import dev.aic.contracts.integration.IntegrationHeaders;
import dev.aic.contracts.integration.Topics;
import dev.aic.testsupport.Infrastructure;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: {@value #CLIENTS} clients send every kind of command at once — self-registrations,
 * registrations by an administrator, profile and role changes, RSVPs and cancellations on one hot
 * community event and on cold ones, uploads and new versions, an erasure — so that transactions
 * commit out of global-index order. Then every processor's invariant is checked against the event
 * store itself, never against the processors' own counters: the audit chain seals every stored
 * event exactly once and verifies intact; every integration event reached Kafka once per stored
 * event, stamped with that event's own global index; every read model equals a fresh rebuild; every
 * promotion was e-mailed once; and the reconciliation found nothing to repair.
 */
class ConcurrencySoakIT {

    private static final int CLIENTS = 32;
    private static final int ROUNDS = 4;
    private static final int HOT_SEATS = 6;
    private static final int COLD_EVENTS = 8;
    private static final Duration CONVERGENCE = Duration.ofSeconds(90);

    /**
     * The query-side's reconciliation interval (aic.reconciliation.check-interval), plus a margin.
     */
    private static final Duration RECONCILIATION = Duration.ofSeconds(70);

    private static final List<String> PUBLISHED_TYPES =
            List.of(
                    "dev.aic.contracts.user.UserEvent$Registered",
                    "dev.aic.contracts.user.UserEvent$Erased",
                    "dev.aic.contracts.document.DocumentEvent$Uploaded",
                    "dev.aic.contracts.document.DocumentEvent$VersionAdded",
                    "dev.aic.contracts.document.DocumentEvent$ReprocessingRequested",
                    "dev.aic.contracts.document.DocumentEvent$Deleted");
    private static final List<String> PROJECTIONS =
            List.of(
                    USERS,
                    COMMUNITY_EVENTS,
                    DOCUMENTS,
                    USERS_SEARCH,
                    COMMUNITY_EVENTS_SEARCH,
                    DOCUMENT_CHUNKS_SEARCH);

    private final Platform platform = Platform.shared();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Queue<String> refused = new ConcurrentLinkedQueue<>();
    private final Map<String, Integer> sent = new ConcurrentHashMap<>();

    /** platform user id of each member the load registered -> username */
    private final Map<String, String> members = new ConcurrentHashMap<>();

    private String hot;
    private List<String> cold;

    @Test
    void underAMixedConcurrentLoadEveryProcessorKeepsItsInvariantAgainstTheEventStore()
            throws Exception {
        String organiser = signedIn("olivia");
        String admin = signedIn("adam");
        hot = CommunityEvents.published(platform, organiser, "Soak hot " + run, HOT_SEATS);
        cold = new ArrayList<>();
        for (int i = 0; i < COLD_EVENTS; i++) {
            cold.add(
                    CommunityEvents.published(
                            platform, organiser, "Soak cold " + run + " " + i, 25));
        }
        long firstIndex =
                scalar("SELECT coalesce(max(globalindex), 0) FROM event_store.domainevententry")
                        + 1;
        long firstSeq = scalar("SELECT coalesce(max(seq), 0) FROM event_store.audit_chain") + 1;
        int queryLogMark = platform.querySide().logText().length();

        try (KafkaConsumer<String, String> kafka = integrationTopicsFromNow()) {
            long started = System.nanoTime();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> running = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                int c = client;
                running.add(clients.submit(() -> drive(c, admin)));
            }
            for (Future<?> client : running) {
                client.get(3, TimeUnit.MINUTES);
            }
            clients.shutdown();
            long loadEnded = System.nanoTime();
            assertThat(refused).as("commands not answered 2xx").isEmpty();
            long lastIndex = scalar("SELECT max(globalindex) FROM event_store.domainevententry");
            long commands = sent.values().stream().mapToLong(Integer::longValue).sum();

            startRebuilds(admin);
            String chain =
                    everyStoredEventIsSealedOnceAndTheChainVerifies(
                            firstIndex, lastIndex, firstSeq);
            String published =
                    everyIntegrationEventReachedKafkaOnceWithItsOwnIndex(
                            kafka, firstIndex, lastIndex);
            String notified = everyPromotionWasEmailedOnce(firstIndex, lastIndex);
            String rebuilt = everyReadModelEqualsAFreshRebuild(admin);
            String reconciled = theReconciliationFoundNothingToRepair(queryLogMark, loadEnded);

            System.out.printf(
                    "[soak] %d clients sent %d commands %s in %d ms (events %d..%d); %s; %s; %s; %s; %s;"
                            + " checked %d ms after the load%n",
                    CLIENTS,
                    commands,
                    new java.util.TreeMap<>(sent),
                    (loadEnded - started) / 1_000_000,
                    firstIndex,
                    lastIndex,
                    chain,
                    published,
                    notified,
                    rebuilt,
                    reconciled,
                    (System.nanoTime() - loadEnded) / 1_000_000);
        }
    }

    /**
     * One client: each round a new member signs in, RSVPs and edits their profile; every other
     * round the previous round's member cancels, which on the hot event frees a seat for the first
     * one waiting.
     */
    private void drive(int client, String admin) {
        String firstMember = null;
        String previousToken = null;
        String previousEvent = null;
        for (int round = 0; round < ROUNDS; round++) {
            String username = "soak-%s-%d-%d".formatted(run, client, round);
            String token = platform.token(username);
            Http.Reply registered =
                    call("self-registration", Http.to(command("/api/me")).bearer(token).post("{}"));
            if (registered.status() != 201) {
                return;
            }
            String member = registered.json().get("id").asText();
            members.put(member, username);
            firstMember = firstMember == null ? member : firstMember;
            String event =
                    (client + round) % 2 == 0 ? hot : cold.get((client + round) % COLD_EVENTS);
            call(
                    "rsvp",
                    Http.to(command("/api/events/" + event + "/rsvp"))
                            .bearer(token)
                            .sendJson("POST", null));
            call(
                    "profile",
                    Http.to(command("/api/users/" + member + "/profile"))
                            .bearer(token)
                            .put(
                                    "{\"displayName\":\"Soak %d %d\",\"interests\":[\"soak\"]}"
                                            .formatted(client, round)));
            if (round % 2 == 1) {
                call(
                        "rsvp-cancellation",
                        Http.to(command("/api/events/" + previousEvent + "/rsvp"))
                                .bearer(previousToken)
                                .sendJson("DELETE", null));
            }
            previousToken = token;
            previousEvent = event;
            if (client % 8 == 0) {
                Http.Reply byAdmin =
                        call(
                                "admin-registration",
                                Http.to(command("/api/users"))
                                        .bearer(admin)
                                        .post(
                                                "{\"email\":\"soak-admin-%s-%d-%d@example.test\",\"displayName\":\"Appointed %d\"}"
                                                        .formatted(run, client, round, round)));
                if (byAdmin.status() == 201) {
                    call(
                            "role-change",
                            Http.to(
                                            command(
                                                    "/api/users/"
                                                            + byAdmin.json().get("id").asText()
                                                            + "/roles"))
                                    .bearer(admin)
                                    .put("{\"roles\":[\"MEMBER\",\"ORGANIZER\"]}"));
                }
            }
            if (client % 16 == 1 && round == 0) {
                String document = upload(token, client);
                if (document != null) {
                    call(
                            "new-version",
                            Http.to(command("/api/documents/" + document + "/content"))
                                    .bearer(token)
                                    .multipart(
                                            "PUT",
                                            Map.of(),
                                            "notes-" + client + "-v2.pdf",
                                            pdf(client, 2)));
                }
            }
        }
        if (client == 5) {
            call(
                    "erasure",
                    Http.to(command("/api/admin/users/" + firstMember + "/erasure"))
                            .bearer(admin)
                            .post("{\"reason\":\"soak: erasure under load\"}"));
        }
    }

    private String upload(String token, int client) {
        Http.Reply uploaded =
                call(
                        "upload",
                        Http.to(command("/api/documents"))
                                .bearer(token)
                                .multipart(
                                        "POST",
                                        Map.of(
                                                "title",
                                                "Soak notes " + client,
                                                "visibility",
                                                "MEMBERS"),
                                        "notes-" + client + ".pdf",
                                        pdf(client, 1)));
        return uploaded.status() == 201 ? uploaded.json().get("id").asText() : null;
    }

    private byte[] pdf(int client, int version) {
        return TestDocuments.pdf(
                List.of(
                        "Soak %s notes of client %d, version %d: the hot event fills up fast."
                                .formatted(run, client, version)));
    }

    private Http.Reply call(String kind, Http.Reply reply) {
        sent.merge(kind, 1, Integer::sum);
        if (reply.status() / 100 != 2) {
            refused.add(kind + ": " + reply);
        }
        return reply;
    }

    private String everyStoredEventIsSealedOnceAndTheChainVerifies(
            long firstIndex, long lastIndex, long firstSeq) throws SQLException {
        await("every event up to " + lastIndex + " sealed at its own index")
                .atMost(CONVERGENCE)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () ->
                                scalar(
                                                """
                        SELECT count(*) FROM event_store.domainevententry e WHERE e.globalindex <= ?
                          AND NOT EXISTS (SELECT 1 FROM event_store.audit_chain c
                                          WHERE c.global_index = e.globalindex AND c.event_identifier = e.eventidentifier)""",
                                                lastIndex)
                                        == 0);
        assertThat(
                        scalar(
                                """
                SELECT count(*) FROM (SELECT event_identifier FROM event_store.audit_chain
                                      GROUP BY event_identifier HAVING count(*) > 1) twice"""))
                .as("events sealed twice")
                .isZero();
        JsonNode report =
                Http.to(command("/api/audit/chain/verify"))
                        .bearer(platform.token("audrey"))
                        .get()
                        .json();
        assertThat(report.get("intact").asBoolean()).as(report.toString()).isTrue();
        // the chain's order is the order the sealer met the events: a link below an earlier link's
        // index committed late
        long outOfOrder =
                scalar(
                        """
                SELECT count(*) FROM (SELECT global_index, max(global_index) OVER (ORDER BY seq
                                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS above
                                      FROM event_store.audit_chain WHERE seq >= ?) links
                WHERE global_index < above""",
                        firstSeq);
        assertThat(outOfOrder)
                .as(
                        "events of the load that committed after a higher index (else the soak proves"
                                + " nothing)")
                .isPositive();
        return "chain: %d events sealed once each, %d of them committed after a higher index, verified intact (%d links)"
                .formatted(lastIndex - firstIndex + 1, outOfOrder, report.get("checked").asLong());
    }

    private KafkaConsumer<String, String> integrationTopicsFromNow() {
        Properties config = new Properties();
        config.putAll(Infrastructure.endpoints().kafka().asAdmin());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        var consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.USERS, Topics.DOCUMENTS)) {
            consumer.partitionsFor(topic)
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private String everyIntegrationEventReachedKafkaOnceWithItsOwnIndex(
            KafkaConsumer<String, String> kafka, long firstIndex, long lastIndex)
            throws SQLException {
        Map<String, Long> stored = new HashMap<>();
        try (Connection connection = platform.database();
                var query =
                        connection.prepareStatement(
                                """
                SELECT eventidentifier, globalindex FROM event_store.domainevententry
                WHERE globalindex BETWEEN ? AND ? AND payloadtype = ANY (?)""")) {
            query.setLong(1, firstIndex);
            query.setLong(2, lastIndex);
            query.setArray(3, connection.createArrayOf("varchar", PUBLISHED_TYPES.toArray()));
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    stored.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        Map<String, List<String>> positions = new HashMap<>();
        await(stored.size() + " integration events on Kafka")
                .atMost(CONVERGENCE)
                .until(
                        () -> {
                            kafka.poll(Duration.ofMillis(500))
                                    .forEach(
                                            record -> {
                                                Header id =
                                                        record.headers()
                                                                .lastHeader(
                                                                        IntegrationHeaders
                                                                                .EVENT_ID);
                                                Header position =
                                                        record.headers()
                                                                .lastHeader(
                                                                        IntegrationHeaders
                                                                                .GLOBAL_POSITION);
                                                if (id != null && stored.containsKey(text(id))) {
                                                    positions
                                                            .computeIfAbsent(
                                                                    text(id),
                                                                    key -> new ArrayList<>())
                                                            .add(
                                                                    position == null
                                                                            ? null
                                                                            : text(position));
                                                }
                                            });
                            return positions.keySet().containsAll(stored.keySet());
                        });
        // anything still in flight would be a duplicate
        kafka.poll(Duration.ofSeconds(2))
                .forEach(
                        record -> {
                            Header id = record.headers().lastHeader(IntegrationHeaders.EVENT_ID);
                            if (id != null && stored.containsKey(text(id))) {
                                positions.get(text(id)).add("late duplicate");
                            }
                        });
        List<String> wrong =
                stored.entrySet().stream()
                        .filter(
                                event ->
                                        !positions
                                                .get(event.getKey())
                                                .equals(List.of(Long.toString(event.getValue()))))
                        .map(
                                event ->
                                        event.getKey()
                                                + " at "
                                                + event.getValue()
                                                + " published as "
                                                + positions.get(event.getKey()))
                        .toList();
        assertThat(wrong)
                .as("integration events not published exactly once with their own global index")
                .isEmpty();
        return "Kafka: %d integration events once each, each stamped with its own global index"
                .formatted(stored.size());
    }

    private String everyPromotionWasEmailedOnce(long firstIndex, long lastIndex)
            throws SQLException {
        Map<String, String> promotions =
                new LinkedHashMap<>(); // cause (event id) -> promoted member
        try (Connection connection = platform.database();
                var query =
                        connection.prepareStatement(
                                """
                SELECT eventidentifier, convert_from(payload, 'UTF8')::jsonb ->> 'member'
                FROM event_store.domainevententry
                WHERE globalindex BETWEEN ? AND ? AND payloadtype LIKE '%$PromotedFromWaitingList'""")) {
            query.setLong(1, firstIndex);
            query.setLong(2, lastIndex);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    promotions.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        assertThat(promotions).as("promotions from the hot event's waiting list").isNotEmpty();
        Map<String, Long> perMember = new HashMap<>();
        promotions.values().forEach(member -> perMember.merge(member, 1L, Long::sum));
        await(promotions.size() + " promotions e-mailed")
                .atMost(CONVERGENCE)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () ->
                                perMember.entrySet().stream()
                                        .allMatch(
                                                member ->
                                                        mails(member.getKey())
                                                                >= member.getValue()));
        List<String> wrong = new ArrayList<>();
        perMember.forEach(
                (member, expected) -> {
                    long received = mails(member);
                    if (received != expected) {
                        wrong.add(
                                members.get(member)
                                        + " promoted "
                                        + expected
                                        + " times, e-mailed "
                                        + received
                                        + " times");
                    }
                });
        assertThat(wrong).as("promotions not e-mailed exactly once").isEmpty();
        String causes =
                promotions.keySet().stream()
                        .map(cause -> "'promotion:" + cause + "'")
                        .reduce((a, b) -> a + "," + b)
                        .orElseThrow();
        assertThat(
                        scalar(
                                "SELECT count(*) FROM notification.outbox WHERE status = 'SENT' AND cause IN ("
                                        + causes
                                        + ")"))
                .as("outbox rows sent for the promotions")
                .isEqualTo(promotions.size());
        return "notifications: %d promotions e-mailed once each".formatted(promotions.size());
    }

    private long mails(String member) {
        return platform.mailTo(members.get(member) + "@example.test").size();
    }

    private void startRebuilds(String admin) {
        for (String projection : PROJECTIONS) {
            Http.Reply started =
                    Http.to(query("/api/admin/projections/" + projection + "/rebuild"))
                            .bearer(admin)
                            .sendJson("POST", null);
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
        }
    }

    private String everyReadModelEqualsAFreshRebuild(String admin) {
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (String projection : PROJECTIONS) {
            JsonNode[] status = new JsonNode[1];
            await("the rebuild of " + projection + " decided")
                    .atMost(CONVERGENCE)
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> {
                                status[0] =
                                        Http.to(
                                                        query(
                                                                "/api/admin/projections/"
                                                                        + projection
                                                                        + "/rebuild"))
                                                .bearer(admin)
                                                .get()
                                                .json();
                                return List.of("SWAPPED", "DIFFERS", "CANCELLED")
                                        .contains(status[0].get("state").asText());
                            });
            assertThat(status[0].get("state").asText())
                    .as("rebuild of %s: %s", projection, status[0])
                    .isEqualTo("SWAPPED");
            JsonNode comparison = status[0].get("comparison");
            assertThat(comparison.get("equal").asBoolean())
                    .as("rebuild of %s: %s", projection, status[0])
                    .isTrue();
            outcomes.put(projection, comparison.get("parts").size() + " parts equal");
        }
        return "read models equal to a fresh rebuild, compared at the swap: " + outcomes;
    }

    private String theReconciliationFoundNothingToRepair(int queryLogMark, long loadEnded) {
        long waited = System.nanoTime() - loadEnded;
        if (waited < RECONCILIATION.toNanos()) {
            await("a reconciliation after the load")
                    .pollDelay(Duration.ofNanos(RECONCILIATION.toNanos() - waited))
                    .atMost(RECONCILIATION)
                    .until(() -> true);
        }
        String log = platform.querySide().logText().substring(queryLogMark);
        assertThat(log)
                .as("query-side log since the load")
                .doesNotContain("rewound to position")
                .doesNotContain("differs from the event store");
        return "reconciliation: nothing missing, nothing rewound";
    }

    private String signedIn(String username) {
        String token = platform.token(username);
        Http.Reply me = Http.to(command("/api/me")).bearer(token).post("{}");
        assertThat(me.status()).as(me.toString()).isIn(201, 409);
        return token;
    }

    private java.net.URI command(String path) {
        return platform.commandSide().url(path);
    }

    private java.net.URI query(String path) {
        return platform.querySide().url(path);
    }

    private long scalar(String sql, Object... parameters) throws SQLException {
        try (Connection connection = platform.database();
                var query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static String text(Header header) {
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
