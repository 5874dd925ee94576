package dev.aic.systemtests;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.aic.contracts.integration.Topics;
import dev.aic.testsupport.DevIdentity;
import dev.aic.testsupport.Endpoints;
import dev.aic.testsupport.Infrastructure;
import dev.aic.testsupport.KafkaLogins;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.awaitility.Awaitility;

/**
 * The whole platform for the system tests: real infrastructure, a database of its own, and the
 * three services started in the order a deployment starts them (the command-side owns the event
 * store's schema, so it migrates first).
 *
 * <p>Starting three JVMs is most of a system test's time, so every test class of a run shares one
 * platform ({@link #shared()}), stopped when the test JVM exits. Tests therefore never assume an
 * empty store: they create their own users and compare counts before and after.
 */
final class Platform {

    static final Duration START_DEADLINE = Duration.ofMinutes(2);

    /**
     * A service started again while a load runs on this shared 2-core machine: the ai-worker took
     * 107 s once.
     */
    static final Duration RESTART_UNDER_LOAD_DEADLINE = Duration.ofMinutes(4);

    static final int COMMAND_SIDE_PORT = 18081;
    static final int QUERY_SIDE_PORT = 18082;
    static final int AI_WORKER_PORT = 18083;
    static final int SMTP_PORT = 18025;
    static final int ZIPKIN_PORT = 19411;

    private static Platform shared;
    private static final GreenMail SMTP =
            new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    private final Map<String, String> environment;
    private final Map<String, String> querySideEnvironment;
    private final String jdbcUrl;
    private final DevIdentity identity;
    private volatile ServiceProcess commandSide;
    private volatile ServiceProcess querySide;
    private volatile ServiceProcess aiWorker;
    private final Map<String, String> aiWorkerEnvironment;
    private final Zipkin zipkin;

    private Platform(
            Map<String, String> environment,
            Map<String, String> querySideEnvironment,
            String jdbcUrl,
            DevIdentity identity,
            ServiceProcess commandSide,
            ServiceProcess querySide,
            ServiceProcess aiWorker,
            Map<String, String> aiWorkerEnvironment,
            Zipkin zipkin) {
        this.zipkin = zipkin;
        this.environment = environment;
        this.querySideEnvironment = querySideEnvironment;
        this.jdbcUrl = jdbcUrl;
        this.identity = identity;
        this.commandSide = commandSide;
        this.querySide = querySide;
        this.aiWorker = aiWorker;
        this.aiWorkerEnvironment = aiWorkerEnvironment;
    }

    /**
     * A fresh database needs fresh read models beside it: an earlier run's OpenSearch indices under
     * the same prefix hold documents of events this store never had.
     */
    private static void deleteIndices(Endpoints infra, String pattern) {
        try {
            var request =
                    HttpRequest.newBuilder(
                                    URI.create(
                                            infra.openSearchUrl()
                                                    + "/"
                                                    + pattern
                                                    + "?expand_wildcards=all"))
                            .DELETE();
            infra.openSearchAdminHeaders().forEach(request::header);
            var answer =
                    HttpClient.newHttpClient()
                            .send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(
                        "OpenSearch did not delete " + pattern + ": " + answer.body());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("OpenSearch did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The platform of this test JVM, started by the first test class that asks for it. */
    static synchronized Platform shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "platform-shutdown"));
        }
        return shared;
    }

    private static Platform start() {
        Endpoints infra = Infrastructure.endpoints();
        String database = System.getProperty("aic.test.database", "aic_system_tests");
        String jdbcUrl = Infrastructure.freshDatabase(database);
        deleteIndices(infra, database + "-*");
        DevIdentity identity = DevIdentity.start();
        SMTP.start();
        Zipkin zipkin = Zipkin.start(ZIPKIN_PORT);
        Map<String, String> env = new HashMap<>();
        env.put("AIC_SMTP_PORT", Integer.toString(SMTP_PORT));
        env.put("AIC_DEADLINES_POLLING_INTERVAL", "PT1S");
        env.put("AIC_JDBC_URL", jdbcUrl);
        env.put("AIC_KAFKA_BOOTSTRAP", infra.kafkaBootstrap());
        env.put("AIC_OPENSEARCH_URL", infra.openSearchUrl());
        env.put("AIC_OPENSEARCH_INDEX_PREFIX", database + "-");
        env.put("AIC_OIDC_ISSUER_URI", identity.issuerUri());
        env.put("SPRING_APPLICATION_JSON", DevIdentity.GROUP_MAPPING_JSON);
        // the API documents the suites read, and the well-known personal-data master key
        env.put("SPRING_PROFILES_ACTIVE", "development");
        // the hostile-input and authorisation suites send hundreds of requests in a burst from one
        // address;
        // at the production budget part of them would be 429s and hide what the endpoints do with
        // the input
        env.put("AIC_RATE_LIMIT_CAPACITY", "100000");
        env.put("AIC_RATE_LIMIT_REFILL_PER_SECOND", "100000");
        // the command-side stores uploads where the ai-worker reads them; the query-side embeds
        // queries there
        env.put(
                "AIC_CONTENT_DIR",
                Path.of("target", "content-" + database).toAbsolutePath().toString());
        env.put("AIC_AI_WORKER_URL", "http://127.0.0.1:" + AI_WORKER_PORT);
        // the ai-worker's reports about this run's documents go to this run's command-side, not
        // another platform's
        env.put("AIC_DOCUMENT_REPORTS_GROUP_ID", "command-side-documents-" + database);
        // every trace recorded and sent to this run's Zipkin, a second after its spans end
        // (TracesIT)
        env.put("AIC_TRACING_SAMPLING_PROBABILITY", "1.0");
        env.put("AIC_ZIPKIN_EXPORT", "true");
        env.put("AIC_ZIPKIN_ENDPOINT", zipkin.spansEndpoint());
        env.put("MANAGEMENT_TRACING_OPENTELEMETRY_EXPORT_SCHEDULEDELAY", "1s");

        // The broker is shared with any platform a developer runs (./platform up) and with other
        // suites, whose
        // ai-workers join the group "ai-worker" and would take partitions, and with them our
        // messages, from ours.
        // A group of its own sees every message of this run; the first time, it starts at the end
        // of the topic
        // instead of working through the backlog of every earlier run.
        Map<String, String> aiWorkerEnv = withLogin(env, infra, "ai-worker");
        aiWorkerEnv.put("SPRING_KAFKA_CONSUMER_GROUP_ID", "ai-worker-" + database);
        // records an aborted earlier run left unprocessed (a document built to kill the worker,
        // say) are not this
        // run's: the group starts where the topics end now
        skipEarlierRuns(infra.kafka(), "ai-worker-" + database, Topics.DOCUMENTS);
        // and the command-side's group of the reports: a new one would otherwise start with every
        // report the shared
        // topic holds, and work through them ("unknown document") before this run's
        skipEarlierRuns(
                infra.kafka(), "command-side-documents-" + database, Topics.DOCUMENT_PROCESSING);
        aiWorkerEnv.put("SPRING_KAFKA_CONSUMER_AUTO_OFFSET_RESET", "latest");
        Map<String, String> commandSideEnv = withLogin(env, infra, "command-side");
        Map<String, String> querySideEnv = withLogin(env, infra, "query-side");
        // the hostile-documents suite: a document with the marker halts the worker (a JVM system
        // property, which no
        // Spring setting can give), and a GC log per worker process gives its peak heap
        aiWorkerEnv.put(
                "JAVA_TOOL_OPTIONS",
                "-Daic.faults.halt-on-content="
                        + HostileDocumentsIT.HALT_MARKER
                        + " -Xlog:gc:file="
                        + Path.of("target", "services").toAbsolutePath()
                        + "/ai-worker-gc-%p.log");

        List<ServiceProcess> started = new ArrayList<>();
        try {
            var commandSide =
                    started(
                                    started,
                                    ServiceProcess.start(
                                            "command-side", COMMAND_SIDE_PORT, commandSideEnv))
                            .awaitReady(START_DEADLINE);
            var querySide =
                    started(
                            started,
                            ServiceProcess.start("query-side", QUERY_SIDE_PORT, querySideEnv));
            var aiWorker =
                    started(
                            started,
                            ServiceProcess.start("ai-worker", AI_WORKER_PORT, aiWorkerEnv));
            querySide.awaitReady(START_DEADLINE);
            aiWorker.awaitReady(START_DEADLINE);
            Awaitility.await("ai-worker consumes its partitions")
                    .atMost(START_DEADLINE)
                    .until(() -> aiWorker.logText().contains("partitions assigned"));
            zipkin.awaitReady(START_DEADLINE);
            return new Platform(
                    Map.copyOf(commandSideEnv),
                    Map.copyOf(querySideEnv),
                    jdbcUrl,
                    identity,
                    commandSide,
                    querySide,
                    aiWorker,
                    Map.copyOf(aiWorkerEnv),
                    zipkin);
        } catch (RuntimeException e) {
            // a service that did not come up must not leave the others running, holding ports and
            // connections
            started.forEach(ServiceProcess::close);
            zipkin.close();
            SMTP.stop();
            throw e;
        }
    }

    private static ServiceProcess started(List<ServiceProcess> started, ServiceProcess service) {
        started.add(service);
        return service;
    }

    /**
     * The settings of one service: the common ones, its own database role and Kafka principal, as
     * deployed.
     */
    private static Map<String, String> withLogin(
            Map<String, String> common, Endpoints infra, String service) {
        Map<String, String> env = new HashMap<>(common);
        env.put("AIC_PG_USER", infra.service(service).username());
        env.put("AIC_PG_PASSWORD", infra.service(service).password());
        if (service.equals("query-side")) {
            env.put("AIC_OPENSEARCH_USER", infra.openSearchQuerySide().username());
            env.put("AIC_OPENSEARCH_PASSWORD", infra.openSearchQuerySide().password());
        }
        if (KafkaLogins.SERVICES.contains(service)) {
            env.put("AIC_KAFKA_SECURITY_PROTOCOL", infra.kafka().securityProtocol());
            env.put("AIC_KAFKA_USER", infra.kafka().service(service).username());
            env.put("AIC_KAFKA_PASSWORD", infra.kafka().service(service).password());
        }
        return env;
    }

    private static void skipEarlierRuns(KafkaLogins kafka, String group, String... topics) {
        Map<String, Object> config = new HashMap<>(kafka.asAdmin());
        config.putAll(
                Map.of(
                        "group.id",
                        group,
                        "enable.auto.commit",
                        "false",
                        "allow.auto.create.topics",
                        "false"));
        try (var consumer =
                new org.apache.kafka.clients.consumer.KafkaConsumer<>(
                        config,
                        new org.apache.kafka.common.serialization.StringDeserializer(),
                        new org.apache.kafka.common.serialization.StringDeserializer())) {
            Map<
                            org.apache.kafka.common.TopicPartition,
                            org.apache.kafka.clients.consumer.OffsetAndMetadata>
                    ends = new HashMap<>();
            for (String topic : topics) {
                var partitions =
                        consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                                .map(
                                        info ->
                                                new org.apache.kafka.common.TopicPartition(
                                                        topic, info.partition()))
                                .toList();
                consumer.endOffsets(partitions)
                        .forEach(
                                (partition, end) ->
                                        ends.put(
                                                partition,
                                                new org.apache.kafka.clients.consumer
                                                        .OffsetAndMetadata(end)));
            }
            consumer.commitSync(ends);
        }
    }

    ServiceProcess commandSide() {
        return commandSide;
    }

    ServiceProcess querySide() {
        return querySide;
    }

    ServiceProcess aiWorker() {
        return aiWorker;
    }

    /** The trace backend every service exports its spans to. */
    Zipkin zipkin() {
        return zipkin;
    }

    /** The development identity provider the services trust. */
    DevIdentity identity() {
        return identity;
    }

    /** A bearer token for a demo person or any well-formed username of the open directory. */
    String token(String username) {
        return identity.accessToken(username);
    }

    /**
     * {@code kill -9} the command-side, then start it again on the same port with the same
     * settings.
     */
    synchronized void killAndRestartCommandSide() {
        commandSide.kill();
        commandSide =
                ServiceProcess.start("command-side", COMMAND_SIDE_PORT, environment)
                        .awaitReady(START_DEADLINE);
    }

    /**
     * SIGTERM to the command-side, waiting up to {@code atMost} for it to exit, then starts it
     * again on the same port with the same settings; returns how long its shutdown took.
     */
    synchronized Duration terminateAndRestartCommandSide(Duration atMost) {
        Duration shutdown = commandSide.terminate(atMost);
        // kept before it is ready, so that the platform's shutdown stops it even if it never gets
        // there
        commandSide = ServiceProcess.start("command-side", COMMAND_SIDE_PORT, environment);
        commandSide.awaitReady(RESTART_UNDER_LOAD_DEADLINE);
        return shutdown;
    }

    /**
     * The settings the command-side was started with; the others' differ in their database role.
     */
    Map<String, String> environment() {
        return environment;
    }

    /** The settings the query-side was started with (its own database role). */
    Map<String, String> querySideEnvironment() {
        return querySideEnvironment;
    }

    Map<String, String> aiWorkerEnvironment() {
        return aiWorkerEnvironment;
    }

    /**
     * {@code kill -9} the ai-worker, then start it again on the same port with the same settings.
     */
    synchronized void killAndRestartAiWorker() {
        aiWorker.kill();
        aiWorker =
                ServiceProcess.start("ai-worker", AI_WORKER_PORT, aiWorkerEnvironment)
                        .awaitReady(START_DEADLINE);
    }

    /**
     * SIGTERM to the ai-worker, waiting up to {@code atMost} for it to exit; gives the stopped
     * process to {@code whileStopped} (its log, say), then starts it again on the same port with
     * the same settings. Returns how long its shutdown took.
     */
    synchronized Duration terminateAndRestartAiWorker(
            Duration atMost, Consumer<ServiceProcess> whileStopped) {
        Duration shutdown = aiWorker.terminate(atMost);
        try {
            whileStopped.accept(aiWorker);
        } finally {
            aiWorker = ServiceProcess.start("ai-worker", AI_WORKER_PORT, aiWorkerEnvironment);
            aiWorker.awaitReady(RESTART_UNDER_LOAD_DEADLINE);
        }
        return shutdown;
    }

    /**
     * Stops the query-side gracefully (its processors release their token claims), runs {@code
     * whileStopped} (e.g. rewinding its tokens), then starts it again on the same port with the
     * same settings.
     */
    synchronized void restartQuerySide(Runnable whileStopped) {
        querySide.close();
        try {
            whileStopped.run();
        } finally {
            querySide =
                    ServiceProcess.start("query-side", QUERY_SIDE_PORT, querySideEnvironment)
                            .awaitReady(START_DEADLINE);
        }
    }

    /**
     * A request to OpenSearch ({@code path} from the node's root) as its administrator, who sets up
     * and inspects.
     */
    static Http openSearch(String path) {
        Endpoints infra = Infrastructure.endpoints();
        Http http = Http.to(URI.create(infra.openSearchUrl() + "/" + path));
        infra.openSearchAdminHeaders().forEach(http::header);
        return http;
    }

    /** A setting the services were started with, e.g. {@code AIC_OPENSEARCH_URL}. */
    String setting(String name) {
        return environment.get(name);
    }

    /**
     * A connection to the platform's database as its administrator: event store, read models, token
     * store. The caller closes it.
     */
    Connection database() throws SQLException {
        Endpoints infra = Infrastructure.endpoints();
        return DriverManager.getConnection(jdbcUrl, infra.username(), infra.password());
    }

    /**
     * A connection to the platform's database with {@code service}'s own role. The caller closes
     * it.
     */
    Connection database(String service) throws SQLException {
        Endpoints.Login login = Infrastructure.endpoints().service(service);
        return DriverManager.getConnection(jdbcUrl, login.username(), login.password());
    }

    /** The e-mail the platform sent to {@code address} so far, in the order it arrived. */
    List<MimeMessage> mailTo(String address) {
        return List.of(SMTP.getReceivedMessagesForDomain(address));
    }

    /**
     * Events in the event store: every accepted command leaves at least one, a refused one none.
     */
    long storedEvents() {
        return count("SELECT count(*) FROM event_store.domainevententry");
    }

    /**
     * Events caused by callers of the API, not by the platform's own services (the ai-worker's
     * reports, which go on arriving in the background for documents an earlier suite uploaded).
     */
    long storedEventsCausedByCallers() {
        return count(
                """
                SELECT count(*) FROM event_store.domainevententry
                WHERE convert_from(metadata, 'UTF8') NOT LIKE '%"actorSubject":"service#%'""");
    }

    /** Every event of one aggregate. */
    long storedEventsOf(String aggregateId) {
        return count(
                "SELECT count(*) FROM event_store.domainevententry WHERE aggregateidentifier = ?",
                aggregateId);
    }

    /**
     * Events of one aggregate whose payload type ends with {@code simpleType}, e.g. {@code
     * UserEvent$Registered}.
     */
    long storedEvents(String aggregateId, String simpleType) {
        return count(
                "SELECT count(*) FROM event_store.domainevententry WHERE aggregateidentifier = ?"
                        + " AND payloadtype LIKE ?",
                aggregateId,
                "%." + simpleType);
    }

    /**
     * The id of the aggregate's first stored event of that type, which its integration event
     * carries.
     */
    String eventIdentifier(String aggregateId, String simpleType) {
        try (var connection = database();
                var statement =
                        connection.prepareStatement(
                                """
                SELECT eventidentifier FROM event_store.domainevententry
                WHERE aggregateidentifier = ? AND payloadtype LIKE ? ORDER BY sequencenumber LIMIT 1""")) {
            statement.setString(1, aggregateId);
            statement.setString(2, "%." + simpleType);
            try (var result = statement.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the events of " + aggregateId, e);
        }
    }

    private long count(String sql, String... parameters) {
        try (var connection = database();
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count with " + sql, e);
        }
    }

    private void stop() {
        aiWorker.close();
        querySide.close();
        commandSide.close();
        zipkin.close();
        SMTP.stop();
    }
}
