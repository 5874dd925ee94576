package dev.aic.commandside.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Seals the events the sealer skipped ({@link VerificationReport.Kind#NEVER_SEALED}) at the chain's
 * end, in global index order, and records the repair: who, when, why, which events and which links.
 * Nothing else is touched: an event that looks tampered with (altered, moved, missing, or unsealed
 * in a chain with missing or edited links) stays as the verifier reports it, and no existing link
 * is rewritten. Plain JDBC, so the service's endpoint and the command-line tool repair alike.
 */
public final class ChainRepair {

    /**
     * One recorded repair.
     *
     * @param repairedBy who asked for it: {@code <issuer>#<subject>} of the caller, or the operator
     *     the tool names
     * @param firstSeq the first link it appended; the links up to {@code lastSeq} seal {@code
     *     eventIdentifiers}
     */
    public record RecordedRepair(
            long id,
            Instant repairedAt,
            String repairedBy,
            String reason,
            long firstSeq,
            long lastSeq,
            List<String> eventIdentifiers) {}

    /**
     * What a repair did.
     *
     * @param repair the recorded repair; null when no event was never-sealed, and nothing was
     *     recorded
     * @param before the verification that chose the events to seal
     * @param after the verification once they are sealed
     */
    public record RepairOutcome(
            RecordedRepair repair, VerificationReport before, VerificationReport after) {}

    /**
     * Verifies the whole chain and seals its never-sealed events in one transaction that holds the
     * chain against the sealing processor meanwhile.
     */
    public RepairOutcome repair(Connection connection, String repairedBy, String reason)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        try {
            ChainVerifier.Verification verification =
                    new ChainVerifier().check(connection, null, null, null);
            if (verification.neverSealed().isEmpty()) {
                return new RepairOutcome(null, verification.report(), verification.report());
            }
            connection.setAutoCommit(false);
            try (PreparedStatement lock =
                    connection.prepareStatement("LOCK TABLE audit_chain IN EXCLUSIVE MODE")) {
                lock.execute();
            }
            List<String> ordered = inIndexOrder(connection, verification.neverSealed());
            long before = headSeq(connection);
            new ChainSealer().seal(connection, ordered);
            long after = headSeq(connection);
            RecordedRepair repair = null;
            if (after > before) {
                repair =
                        record(
                                connection,
                                repairedBy,
                                reason,
                                before + 1,
                                after,
                                sealedBetween(connection, before, after));
            }
            connection.commit();
            connection.setAutoCommit(autoCommit);
            return new RepairOutcome(
                    repair,
                    verification.report(),
                    new ChainVerifier().verify(connection, null, null));
        } catch (SQLException | RuntimeException e) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Every recorded repair, oldest first. */
    static List<RecordedRepair> repairs(Connection connection) throws SQLException {
        List<RecordedRepair> repairs = new ArrayList<>();
        try (PreparedStatement query =
                        connection.prepareStatement(
                                """
                SELECT id, repaired_at, repaired_by, reason, first_seq, last_seq, event_identifiers
                FROM audit_chain_repair ORDER BY id""");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                repairs.add(read(rows));
            }
        }
        return repairs;
    }

    private static List<String> inIndexOrder(Connection connection, List<String> identifiers)
            throws SQLException {
        List<String> ordered = new ArrayList<>();
        try (PreparedStatement query =
                connection.prepareStatement(
                        "SELECT eventidentifier FROM domainevententry WHERE eventidentifier = ANY (?) ORDER BY globalindex")) {
            query.setArray(1, connection.createArrayOf("varchar", identifiers.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ordered.add(rows.getString(1));
                }
            }
        }
        return ordered;
    }

    private static long headSeq(Connection connection) throws SQLException {
        try (PreparedStatement query =
                        connection.prepareStatement(
                                "SELECT coalesce(max(seq), 0) FROM audit_chain");
                ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static List<String> sealedBetween(Connection connection, long before, long after)
            throws SQLException {
        List<String> identifiers = new ArrayList<>();
        try (PreparedStatement query =
                connection.prepareStatement(
                        "SELECT event_identifier FROM audit_chain WHERE seq > ? AND seq <= ? ORDER BY seq")) {
            query.setLong(1, before);
            query.setLong(2, after);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    identifiers.add(rows.getString(1));
                }
            }
        }
        return identifiers;
    }

    private static RecordedRepair record(
            Connection connection,
            String repairedBy,
            String reason,
            long firstSeq,
            long lastSeq,
            List<String> identifiers)
            throws SQLException {
        try (PreparedStatement insert =
                connection.prepareStatement(
                        """
                INSERT INTO audit_chain_repair (repaired_by, reason, first_seq, last_seq, event_identifiers)
                VALUES (?, ?, ?, ?, ?)
                RETURNING id, repaired_at, repaired_by, reason, first_seq, last_seq, event_identifiers""")) {
            insert.setString(1, repairedBy);
            insert.setString(2, reason);
            insert.setLong(3, firstSeq);
            insert.setLong(4, lastSeq);
            insert.setArray(5, connection.createArrayOf("varchar", identifiers.toArray()));
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return read(row);
            }
        }
    }

    private static RecordedRepair read(ResultSet row) throws SQLException {
        return new RecordedRepair(
                row.getLong(1),
                row.getTimestamp(2).toInstant(),
                row.getString(3),
                row.getString(4),
                row.getLong(5),
                row.getLong(6),
                List.of((String[]) row.getArray(7).getArray()));
    }
}
