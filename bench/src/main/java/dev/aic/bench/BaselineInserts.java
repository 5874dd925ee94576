package dev.aic.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The physical limit the command side is compared with: how many event-shaped rows PostgreSQL
 * commits per second at the same concurrency, one INSERT per transaction.
 *
 * <p>Every command ends in at least one such commit (Axon appends its event, a {@code
 * UserEvent.Registered} or an {@code RsvpConfirmed}, to {@code event_store.domainevententry}), so
 * no command pipeline can beat this figure on the same machine; the ratio of command throughput to
 * it says how much the HTTP, validation, Axon and serialisation layers cost. To make the comparison
 * fair the scratch table copies the event store's table definition (bytea payloads, a global index
 * from a sequence with CACHE 1, the same unique constraints and the timestamp index) and each row
 * has the size and shape of a real event. The table lives in its own schema, {@code bench}, dropped
 * and recreated at the start and dropped again at the end, so the event store is never touched.
 */
final class BaselineInserts {

    private static final String[] SCHEMA = {
        "DROP SCHEMA IF EXISTS bench CASCADE",
        "CREATE SCHEMA bench",
        // the event store's own definition (columns, unique keys, indexes), so the two cannot
        // drift;
        // only the default is new: a sequence of its own, so the store's positions are never used
        """
        CREATE TABLE bench.bench_event
            (LIKE event_store.domainevententry INCLUDING CONSTRAINTS INCLUDING INDEXES INCLUDING STORAGE)""",
        "CREATE SEQUENCE bench.bench_event_globalindex_seq INCREMENT BY 1 CACHE 1",
        "ALTER TABLE bench.bench_event ALTER COLUMN globalindex SET DEFAULT nextval('bench.bench_event_globalindex_seq')",
    };

    private static final String INSERT =
            """
            INSERT INTO bench.bench_event (eventidentifier, metadata, payload, payloadrevision, payloadtype,
                                           timestamp, aggregateidentifier, sequencenumber, type)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final String jdbcUrl;
    private final String user;
    private final String password;

    BaselineInserts(Options options) {
        this.jdbcUrl = options.jdbcUrl();
        this.user = options.dbUser();
        this.password = options.dbPassword();
    }

    ClosedLoop.Result run(int concurrency, Duration warmup, Duration duration) throws Exception {
        execute(SCHEMA);
        try {
            return ClosedLoop.run(
                    concurrency, warmup, duration, worker -> new InsertEvent(connect()));
        } finally {
            execute("DROP SCHEMA IF EXISTS bench CASCADE");
        }
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
        connection.setAutoCommit(true);
        return connection;
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** One autocommitted INSERT of a fresh UserEvent.Registered-shaped event per call. */
    private static final class InsertEvent implements ClosedLoop.Operation {
        private final Connection connection;
        private final PreparedStatement insert;

        InsertEvent(Connection connection) throws SQLException {
            this.connection = connection;
            this.insert = connection.prepareStatement(INSERT);
        }

        @Override
        public String call() {
            String aggregate = UUID.randomUUID().toString();
            try {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setBytes(2, metadata());
                insert.setBytes(3, payload(aggregate));
                insert.setString(4, "1");
                insert.setString(5, "dev.aic.contracts.user.UserEvent$Registered");
                insert.setString(6, Instant.now().toString());
                insert.setString(7, aggregate);
                insert.setLong(8, 0);
                insert.setString(9, "User");
                insert.executeUpdate();
                return null;
            } catch (SQLException e) {
                return "SQLSTATE " + e.getSQLState();
            }
        }

        /** About 200 bytes of JSON, like a serialised UserEvent.Registered. */
        private static byte[] payload(String userId) {
            return ("{\"userId\":\""
                            + userId
                            + "\",\"email\":\"bench-"
                            + userId.substring(0, 8)
                            + "@example.org\",\"displayName\":\"Benchmark User "
                            + userId.substring(0, 8)
                            + "\",\"registeredAt\":\""
                            + Instant.now()
                            + "\",\"roles\":[\"MEMBER\"]}")
                    .getBytes(StandardCharsets.UTF_8);
        }

        /** About 100 bytes of JSON, like Axon's correlation and trace metadata. */
        private static byte[] metadata() {
            return ("{\"traceId\":\""
                            + UUID.randomUUID()
                            + "\",\"correlationId\":\""
                            + UUID.randomUUID()
                            + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
