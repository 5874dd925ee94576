package dev.aic.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aic.commandside.audit.ChainSealer;
import dev.aic.commandside.audit.ChainVerifier;
import dev.aic.commandside.audit.StoredEvent;
import dev.aic.commandside.audit.VerificationReport;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The audit chain at a million events: bulk-loads realistic events into a fresh database, seals
 * them with the command-side's own {@link ChainSealer}, verifies them with its own {@link
 * ChainVerifier}, and compares the verifier with its physical limit measured in the same run:
 * reading the same rows the same way (one cursor, the same fetch size) and feeding the same bytes
 * to one SHA-256. Then it alters one event's payload behind the chain's back and checks that the
 * verifier names it.
 *
 * <pre>bench/run chain [--events N] [--database NAME]</pre>
 *
 * The database ({@code aic_bench_chain} by default) is dropped and created on the PostgreSQL of
 * {@code --jdbc-url}; nothing else is touched. Exit status 0 when the tampered event was named, 1
 * otherwise.
 */
public final class ChainBenchmark {

    private static final int SEAL_BATCH = 10_000;
    private static final int FETCH_SIZE = 2_000;

    private ChainBenchmark() {}

    public static void main(String[] args) throws Exception {
        long events = 1_000_000;
        String database = "aic_bench_chain";
        String jdbcUrl =
                System.getenv()
                        .getOrDefault("AIC_JDBC_URL", "jdbc:postgresql://127.0.0.1:55432/aic");
        String user = System.getenv().getOrDefault("AIC_PG_USER", "aic");
        Path out = Path.of("bench/target");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--events" -> events = Long.parseLong(args[i + 1]);
                case "--database" -> database = args[i + 1];
                case "--jdbc-url" -> jdbcUrl = args[i + 1];
                case "--db-user" -> user = args[i + 1];
                case "--out" -> out = Path.of(args[i + 1]);
                default -> {
                    System.err.println(
                            "bench: unknown option "
                                    + args[i]
                                    + "\nusage: ChainBenchmark [--events N] [--database NAME] [--jdbc-url URL] [--db-user NAME]");
                    System.exit(2);
                }
            }
        }
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("--database must be a plain lower-case name");
        }
        String password = System.getenv("AIC_PG_PASSWORD");
        String url = jdbcUrl.replaceFirst("/[^/?]+(\\?.*)?$", "/" + database);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("startedAt", Instant.now().toString());
        summary.put("events", events);

        try (Connection admin = DriverManager.getConnection(jdbcUrl, user, password);
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password == null ? "" : password);
        properties.setProperty("currentSchema", "event_store");
        properties.setProperty("reWriteBatchedInserts", "true");

        try (Connection connection = DriverManager.getConnection(url, properties)) {
            createEventStore(connection);
            long t0 = System.nanoTime();
            long loaded = new ChainEvents().write(connection, events);
            try (Statement statement = connection.createStatement()) {
                statement.execute("VACUUM ANALYZE domainevententry");
            }
            double loadSeconds = seconds(t0);
            phase(summary, "load (COPY)", loaded, loadSeconds);
            summary.put("eventStoreBytes", size(connection, "domainevententry"));

            t0 = System.nanoTime();
            long sealed = seal(connection);
            phase(summary, "seal", sealed, seconds(t0));
            summary.put("chainBytes", size(connection, "audit_chain"));

            t0 = System.nanoTime();
            long hashed = baseline(connection);
            double baselineSeconds = seconds(t0);
            phase(summary, "baseline (read + one SHA-256)", hashed, baselineSeconds);

            t0 = System.nanoTime();
            VerificationReport intact = new ChainVerifier().verify(connection, null, null);
            double verifySeconds = seconds(t0);
            phase(summary, "verify", intact.checked(), verifySeconds);
            summary.put("verifyIntact", intact.intact());
            summary.put("verifyToBaselineRatio", round(verifySeconds / baselineSeconds));
            System.out.printf(
                    Locale.ROOT,
                    "  verify takes %.2fx the baseline's time%n",
                    verifySeconds / baselineSeconds);

            // a CommunityEventDrafted (every block of forty starts with one) 70 % of the way in
            long victim = 1 + 40 * (loaded / 40 * 7 / 10);
            String victimId = tamper(connection, victim);
            t0 = System.nanoTime();
            VerificationReport tampered = new ChainVerifier().verify(connection, null, null);
            phase(summary, "verify after tampering", tampered.checked(), seconds(t0));
            VerificationReport.Finding first = tampered.firstBroken();
            boolean named =
                    first != null
                            && first.globalIndex() == victim
                            && victimId.equals(first.eventIdentifier())
                            && first.differs().equals(List.of("payload"));
            summary.put("tamperedGlobalIndex", victim);
            summary.put("tamperedEventId", victimId);
            summary.put("firstBroken", first);
            summary.put("tamperingNamed", named);
            System.out.printf(
                    Locale.ROOT,
                    "  tampered event %d (%s): verifier says %s%n",
                    victim,
                    victimId,
                    first == null
                            ? "intact (NOT DETECTED)"
                            : first.kind()
                                    + " at global index "
                                    + first.globalIndex()
                                    + " ("
                                    + first.eventIdentifier()
                                    + "), "
                                    + first.detail());
            Files.createDirectories(out);
            Path file = out.resolve("chain-" + Instant.now().toString().replace(":", "") + ".json");
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(file.toFile(), summary);
            System.out.println("  summary: " + file);
            System.exit(named && intact.intact() ? 0 : 1);
        }
    }

    /** The event store and the chain exactly as the command-side's migrations create them. */
    private static void createEventStore(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA event_store");
            for (String script :
                    List.of(
                            "V1__event_store.sql",
                            "V6__audit_chain.sql",
                            "V14__audit_chain_repairs.sql")) {
                try (var in = ChainSealer.class.getResourceAsStream("/db/migration/" + script)) {
                    if (in == null) {
                        throw new IllegalStateException(
                                "The command-side's migration "
                                        + script
                                        + " is not on the classpath");
                    }
                    statement.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
    }

    /**
     * Seals every event in global index order, a transaction per batch, as the processor would over
     * time.
     */
    private static long seal(Connection connection) throws Exception {
        connection.setAutoCommit(false);
        ChainSealer sealer = new ChainSealer();
        long sealed = 0;
        long after = 0;
        try (PreparedStatement next =
                connection.prepareStatement(
                        "SELECT globalindex, eventidentifier FROM domainevententry WHERE globalindex > ? ORDER BY globalindex"
                                + " LIMIT ?")) {
            while (true) {
                next.setLong(1, after);
                next.setInt(2, SEAL_BATCH);
                List<String> batch = new ArrayList<>(SEAL_BATCH);
                try (ResultSet rows = next.executeQuery()) {
                    while (rows.next()) {
                        after = rows.getLong(1);
                        batch.add(rows.getString(2));
                    }
                }
                if (batch.isEmpty()) {
                    break;
                }
                sealed += sealer.seal(connection, batch);
                connection.commit();
            }
        }
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("VACUUM ANALYZE audit_chain");
        }
        return sealed;
    }

    /**
     * The verifier's physical limit: the same rows through one cursor with the same fetch size,
     * every sealed column's bytes into one running SHA-256. No chain, no per-event digest, no
     * comparison.
     */
    private static long baseline(Connection connection) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        ByteBuffer number = ByteBuffer.allocate(Long.BYTES);
        long rows = 0;
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
        try (PreparedStatement query =
                connection.prepareStatement(
                        "SELECT "
                                + StoredEvent.COLUMNS
                                + " FROM audit_chain c JOIN domainevententry e ON e.globalindex = c.global_index ORDER BY c.seq")) {
            query.setFetchSize(FETCH_SIZE);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    StoredEvent event = StoredEvent.read(row, 1);
                    sha256.update(number.clear().putLong(event.globalIndex()).array());
                    for (String text :
                            new String[] {
                                event.eventIdentifier(),
                                event.aggregateIdentifier(),
                                event.type(),
                                event.payloadType(),
                                event.payloadRevision(),
                                event.timestamp()
                            }) {
                        if (text != null) {
                            sha256.update(text.getBytes(StandardCharsets.UTF_8));
                        }
                    }
                    sha256.update(number.clear().putLong(event.sequenceNumber()).array());
                    sha256.update(event.payload());
                    if (event.metadata() != null) {
                        sha256.update(event.metadata());
                    }
                    rows++;
                }
            }
        } finally {
            connection.rollback();
            connection.setReadOnly(false);
            connection.setAutoCommit(true);
        }
        System.out.println(
                "  baseline digest "
                        + HexFormat.of().formatHex(sha256.digest()).substring(0, 16)
                        + "…");
        return rows;
    }

    private static String tamper(Connection connection, long globalIndex) throws Exception {
        try (PreparedStatement update =
                connection.prepareStatement(
                        """
                UPDATE domainevententry SET payload = convert_to(replace(convert_from(payload, 'UTF8'),
                    '"capacity":25', '"capacity":250'), 'UTF8')
                WHERE globalindex = ? AND position('"capacity":25,' in convert_from(payload, 'UTF8')) > 0
                RETURNING eventidentifier""")) {
            update.setLong(1, globalIndex);
            try (ResultSet row = update.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException(
                            "Event " + globalIndex + " is not a draft with a capacity of 25");
                }
                return row.getString(1);
            }
        }
    }

    private static long size(Connection connection, String table) throws Exception {
        try (PreparedStatement query =
                connection.prepareStatement("SELECT pg_total_relation_size(?::regclass)")) {
            query.setString(1, table);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static void phase(
            Map<String, Object> summary, String name, long count, double seconds) {
        double rate = count / seconds;
        summary.put(
                name,
                Map.of(
                        "events",
                        count,
                        "seconds",
                        round(seconds),
                        "eventsPerSecond",
                        Math.round(rate)));
        System.out.printf(
                Locale.ROOT,
                "%-32s %,10d events in %7.1f s = %,9.0f events/s%n",
                name,
                count,
                seconds,
                rate);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
