package dev.aic.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Each service connects to PostgreSQL with a role of its own that reaches only what the service
 * needs (docs/security-least-privilege.md): a compromised ai-worker, which parses untrusted files,
 * cannot read the event store or the read models, and the query-side, which serves every member's
 * reads, cannot alter history.
 */
class LeastPrivilegeIT {

    /** SQLSTATE insufficient_privilege. */
    private static final String DENIED = "42501";

    private final Platform platform = Platform.shared();

    @Test
    void eachServiceConnectsWithItsOwnRoleAndOwnsOnlyItsOwnSchema() throws SQLException {
        Map<String, String> ownerBySchema = new HashMap<>();
        Set<String> connected = new HashSet<>();
        try (Connection admin = platform.database();
                var sql = admin.createStatement()) {
            try (var rows =
                    sql.executeQuery(
                            """
                    SELECT DISTINCT schemaname, tableowner FROM pg_tables
                    WHERE schemaname IN ('event_store', 'notification', 'query', 'ai_worker')""")) {
                while (rows.next()) {
                    String previous = ownerBySchema.put(rows.getString(1), rows.getString(2));
                    assertThat(previous)
                            .as("one owner for all tables of " + rows.getString(1))
                            .isNull();
                }
            }
            try (var rows =
                    sql.executeQuery(
                            "SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database()")) {
                while (rows.next()) {
                    connected.add(rows.getString(1));
                }
            }
        }
        assertThat(ownerBySchema)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "event_store",
                                "aic_command_side",
                                "notification",
                                "aic_command_side",
                                "query",
                                "aic_query_side",
                                "ai_worker",
                                "aic_ai_worker"));
        assertThat(connected).contains("aic_command_side", "aic_query_side", "aic_ai_worker");
    }

    @Test
    void theQuerySideReadsTheEventsButCanNeitherWriteThemNorReadTheAccounts() throws SQLException {
        Http.Reply registered =
                Http.to(platform.commandSide().url("/api/users"))
                        .bearer(platform.token("adam"))
                        .post(
                                "{\"email\":\"privilege-"
                                        + UUID.randomUUID()
                                        + "@example.org\",\"displayName\":\"Least\"}");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        try (Connection querySide = platform.database("query-side")) {
            assertThat(count(querySide, "SELECT count(*) FROM event_store.domainevententry"))
                    .isPositive();
            assertThat(count(querySide, "SELECT count(*) FROM event_store.personal_data_key"))
                    .isPositive();

            assertDenied(
                    querySide,
                    """
                    INSERT INTO event_store.domainevententry (eventidentifier, payload, payloadtype, timestamp,
                        aggregateidentifier, sequencenumber)
                    VALUES ('forged', 'x'::bytea, 'dev.aic.contracts.user.UserEvent$Registered', '2026-01-01T00:00:00Z',
                        'forged', 0)""");
            assertDenied(querySide, "UPDATE event_store.domainevententry SET payload = 'x'::bytea");
            assertDenied(querySide, "DELETE FROM event_store.domainevententry");
            assertDenied(querySide, "UPDATE event_store.personal_data_key SET key = NULL");
            assertDenied(querySide, "SELECT count(*) FROM event_store.user_account");
            assertDenied(querySide, "SELECT count(*) FROM event_store.audit_chain");
            assertDenied(querySide, "SELECT count(*) FROM notification.recipient");
            assertDenied(querySide, "SELECT count(*) FROM ai_worker.document_version");
            assertDenied(querySide, "CREATE TABLE event_store.planted (id int)");
        }
    }

    @Test
    void theAiWorkerSeesNothingButItsOwnSchema() throws SQLException {
        try (Connection aiWorker = platform.database("ai-worker")) {
            assertThat(count(aiWorker, "SELECT count(*) FROM ai_worker.document_version"))
                    .isNotNegative();

            assertDenied(aiWorker, "SELECT count(*) FROM event_store.domainevententry");
            assertDenied(aiWorker, "SELECT count(*) FROM event_store.personal_data_key");
            assertDenied(aiWorker, "UPDATE event_store.user_account SET roles = '{ADMIN}'");
            assertDenied(aiWorker, "SELECT count(*) FROM query.user_profile");
            assertDenied(aiWorker, "SELECT count(*) FROM query.document_chunk");
            assertDenied(aiWorker, "SELECT count(*) FROM notification.recipient");
            assertDenied(aiWorker, "CREATE SCHEMA planted");
        }
    }

    @Test
    void theCommandSideReachesNeitherTheReadModelsNorTheAiWorkersTables() throws SQLException {
        try (Connection commandSide = platform.database("command-side")) {
            assertDenied(commandSide, "SELECT count(*) FROM query.user_profile");
            assertDenied(commandSide, "SELECT count(*) FROM ai_worker.document_version");
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void assertDenied(Connection connection, String sql) {
        SQLException refused =
                catchThrowableOfType(
                        SQLException.class,
                        () -> {
                            try (var statement = connection.createStatement()) {
                                statement.execute(sql);
                            }
                        });
        assertThat((Throwable) refused).as("refused: " + sql).isNotNull();
        assertThat(refused.getSQLState()).as(refused.getMessage()).isEqualTo(DENIED);
    }
}
