package dev.aic.commandside.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.commandside.ProcessorNames;
import dev.aic.commandside.audit.VerificationReport.Finding;
import dev.aic.commandside.audit.VerificationReport.Head;
import dev.aic.commandside.audit.VerificationReport.Kind;
import java.io.IOException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Re-reads the audit chain and the events it seals, in chain order, and rehashes every link.
 * Everything is read in one read-only, repeatable-read transaction through cursors, so the chain
 * and the events are seen at one instant and memory stays flat however long the chain is. Plain
 * JDBC: the service's endpoint and the command-line tool run exactly this.
 */
public final class ChainVerifier {

    public static final int MAX_FINDINGS = 100;
    private static final int FETCH_SIZE = 2_000;
    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Progress(long index, Set<Long> gaps) {}

    /**
     * A link as recorded outside the database: its position and hash (hex), written {@code
     * <seq>:<hash>}.
     */
    public record Anchor(long seq, String hash) {

        public static Anchor parse(String text) {
            String[] parts = text.split(":", -1);
            if (parts.length != 2 || !parts[1].matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException(
                        "an anchor is <seq>:<64 hex digits>, e.g. a report's head");
            }
            try {
                return new Anchor(
                        Long.parseLong(parts[0]), parts[1].toLowerCase(java.util.Locale.ROOT));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "an anchor is <seq>:<64 hex digits>, e.g. a report's head");
            }
        }
    }

    /**
     * @param from the first global index to check, or null for the chain's start
     * @param to the last global index to check, or null for its end
     */
    public VerificationReport verify(Connection connection, Long from, Long to)
            throws SQLException {
        return verify(connection, from, to, null);
    }

    /**
     * As {@link #verify(Connection, Long, Long)}, and also checks that the chain still has {@code
     * anchor}: a link recorded outside the database earlier (a report's head). Whoever rewrites
     * history and recomputes the links after it cannot keep that link's hash.
     */
    public VerificationReport verify(Connection connection, Long from, Long to, Anchor anchor)
            throws SQLException {
        return check(connection, from, to, anchor).report();
    }

    /** A verification and the identifiers of every never-sealed event it found, however many. */
    record Verification(VerificationReport report, List<String> neverSealed) {}

    Verification check(Connection connection, Long from, Long to, Anchor anchor)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        try {
            Run run = new Run(connection, from, to);
            if (anchor != null) {
                run.anchor(anchor);
            }
            VerificationReport report = run.verify();
            return new Verification(report, List.copyOf(run.neverSealed));
        } finally {
            connection.rollback();
            connection.setReadOnly(false);
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(autoCommit);
        }
    }

    private static final class Run {

        private final Connection connection;
        private final Long from;
        private final Long to;
        private final ChainHash hashes = new ChainHash();
        private final List<Finding> findings = new ArrayList<>();
        private long findingCount;
        private long waiting;
        private boolean tampered;
        private boolean chainBroken;
        private final List<String> neverSealed = new ArrayList<>();

        Run(Connection connection, Long from, Long to) {
            this.connection = connection;
            this.from = from;
            this.to = to;
        }

        void anchor(Anchor anchor) throws SQLException {
            try (PreparedStatement query =
                    connection.prepareStatement(
                            "SELECT global_index, event_identifier, hash FROM audit_chain WHERE seq = ?")) {
                query.setLong(1, anchor.seq());
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        found(
                                new Finding(
                                        Kind.ANCHOR_MISMATCH,
                                        anchor.seq(),
                                        null,
                                        null,
                                        List.of(),
                                        "The anchored link "
                                                + anchor.seq()
                                                + " is no longer in the chain"));
                    } else if (!HEX.formatHex(row.getBytes(3)).equals(anchor.hash())) {
                        found(
                                new Finding(
                                        Kind.ANCHOR_MISMATCH,
                                        anchor.seq(),
                                        row.getLong(1),
                                        row.getString(2),
                                        List.of(),
                                        "Link "
                                                + anchor.seq()
                                                + " no longer has the anchored hash: the chain up to "
                                                + "it was rewritten"));
                    }
                }
            }
        }

        VerificationReport verify() throws SQLException {
            Optional<Head> head = head();
            long checked = 0;
            if (head.isPresent()) {
                // chain order is commit order: an event committed late sits after events with
                // higher indexes
                long firstSeq =
                        from == null
                                ? 1
                                : optional(
                                                "SELECT min(seq) FROM audit_chain WHERE global_index >= ?",
                                                from)
                                        .orElse(Long.MAX_VALUE);
                long lastSeq =
                        to == null
                                ? head.get().seq()
                                : optional(
                                                "SELECT max(seq) FROM audit_chain WHERE global_index <= ?",
                                                to)
                                        .orElse(0L);
                if (firstSeq <= lastSeq) {
                    checked = links(firstSeq, lastSeq);
                }
            }
            Optional<Progress> token = progress();
            Progress progress =
                    token.isPresent()
                            ? token.get()
                            : new Progress(
                                    optional("SELECT max(global_index) FROM audit_chain", null)
                                            .orElse(0L),
                                    Set.of());
            long low = from == null ? Long.MIN_VALUE : from;
            long high = to == null ? Long.MAX_VALUE : to;
            long unsealed = unsealed(low, Math.min(high, progress.index()), progress.gaps());
            long pending =
                    count(
                                    "SELECT count(*) FROM domainevententry WHERE globalindex > ? AND globalindex <= ?",
                                    Math.max(low - 1, progress.index()),
                                    high)
                            + waiting;
            return new VerificationReport(
                    findingCount == 0,
                    from,
                    to,
                    checked,
                    head.orElse(null),
                    findings.isEmpty() ? null : findings.get(0),
                    List.copyOf(findings),
                    findingCount,
                    unsealed,
                    pending,
                    tampered,
                    neverSealed.size(),
                    ChainRepair.repairs(connection));
        }

        private long links(long firstSeq, long lastSeq) throws SQLException {
            byte[] previous = firstSeq == 1 ? ChainHash.GENESIS : hashAt(firstSeq - 1);
            if (previous == null) {
                found(
                        new Finding(
                                Kind.CHAIN_GAP,
                                firstSeq - 1,
                                null,
                                null,
                                List.of(),
                                "Link " + (firstSeq - 1) + " of the chain is missing"));
            }
            long expectedSeq = firstSeq;
            long checked = 0;
            try (PreparedStatement query =
                    connection.prepareStatement(
                            """
                    SELECT c.seq, c.global_index, c.event_identifier, c.hash, c.prev_hash, c.field_digests,
                           e.globalindex IS NOT NULL, %s
                    FROM audit_chain c LEFT JOIN domainevententry e ON e.globalindex = c.global_index
                    WHERE c.seq BETWEEN ? AND ? ORDER BY c.seq"""
                                    .formatted(StoredEvent.COLUMNS))) {
                query.setFetchSize(FETCH_SIZE);
                query.setLong(1, firstSeq);
                query.setLong(2, lastSeq);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        long seq = row.getLong(1);
                        long globalIndex = row.getLong(2);
                        String eventId = row.getString(3);
                        byte[] hash = row.getBytes(4);
                        byte[] prevHash = row.getBytes(5);
                        if (seq != expectedSeq) {
                            found(
                                    new Finding(
                                            Kind.CHAIN_GAP,
                                            seq,
                                            globalIndex,
                                            eventId,
                                            List.of(),
                                            "Links "
                                                    + expectedSeq
                                                    + " to "
                                                    + (seq - 1)
                                                    + " of the chain are missing"));
                        } else if (previous != null && !MessageDigest.isEqual(previous, prevHash)) {
                            found(
                                    new Finding(
                                            Kind.CHAIN_ALTERED,
                                            seq,
                                            globalIndex,
                                            eventId,
                                            List.of(),
                                            "The link's previous hash is not the hash of link "
                                                    + (seq - 1)));
                        }
                        expectedSeq = seq + 1;
                        checked++;
                        previous = hash;
                        if (!row.getBoolean(7)) {
                            absent(seq, globalIndex, eventId);
                            continue;
                        }
                        StoredEvent event = StoredEvent.read(row, 8);
                        if (!eventId.equals(event.eventIdentifier())) {
                            absent(seq, globalIndex, eventId);
                        } else if (!MessageDigest.isEqual(hash, hashes.hash(prevHash, event))) {
                            altered(seq, event, row.getBytes(6), prevHash);
                        }
                    }
                }
            }
            if (expectedSeq <= lastSeq) {
                found(
                        new Finding(
                                Kind.CHAIN_GAP,
                                expectedSeq,
                                null,
                                null,
                                List.of(),
                                "Links "
                                        + expectedSeq
                                        + " to "
                                        + lastSeq
                                        + " of the chain are missing"));
            }
            return checked;
        }

        /** The sealed event is not at its global index: moved elsewhere, or gone. */
        private void absent(long seq, long globalIndex, String eventId) throws SQLException {
            Optional<Long> now =
                    optional(
                            "SELECT globalindex FROM domainevententry WHERE eventidentifier = ?",
                            eventId);
            if (now.isPresent()) {
                found(
                        new Finding(
                                Kind.MOVED,
                                seq,
                                globalIndex,
                                eventId,
                                List.of("globalIndex"),
                                "Sealed at global index " + globalIndex + ", now at " + now.get()));
            } else {
                found(
                        new Finding(
                                Kind.MISSING,
                                seq,
                                globalIndex,
                                eventId,
                                List.of(),
                                "Sealed at global index "
                                        + globalIndex
                                        + ", no longer in the event store"));
            }
        }

        private void altered(long seq, StoredEvent event, byte[] sealedDigests, byte[] prevHash) {
            List<String> differs =
                    ChainHash.differingFields(
                            sealedDigests, hashes.seal(prevHash, event).fieldDigests());
            if (differs.isEmpty()) {
                found(
                        new Finding(
                                Kind.CHAIN_ALTERED,
                                seq,
                                event.globalIndex(),
                                event.eventIdentifier(),
                                List.of(),
                                "The event's columns match their digests but not the link's hash: the link was altered"));
            } else {
                found(
                        new Finding(
                                Kind.ALTERED,
                                seq,
                                event.globalIndex(),
                                event.eventIdentifier(),
                                differs,
                                "The stored event no longer matches its seal: "
                                        + String.join(", ", differs)
                                        + " changed"));
            }
        }

        /**
         * Events up to {@code last} that are not sealed. The sealing processor's token says which
         * events it has not reached yet: those in its gaps (begun before, committed after, the
         * events it already sealed) are waiting, not missing. Without a token (a chain sealed by a
         * tool), the last sealed event is the bound.
         *
         * <p>While the chain itself is whole, an unsealed event is one the sealer never sealed
         * ({@code NEVER_SEALED}): nothing the chain vouched for changed. Once links are missing or
         * edited, an unsealed event may be one whose link was removed, so it counts as tampering
         * ({@code UNSEALED}) and no repair will seal it.
         */
        private long unsealed(long first, long last, Set<Long> gaps) throws SQLException {
            long count = 0;
            try (PreparedStatement query =
                    connection.prepareStatement(
                            """
                    SELECT e.globalindex, e.eventidentifier FROM domainevententry e
                    WHERE e.globalindex BETWEEN ? AND ?
                      AND NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.global_index = e.globalindex)
                    ORDER BY e.globalindex""")) {
                query.setFetchSize(FETCH_SIZE);
                query.setLong(1, first);
                query.setLong(2, last);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        if (gaps.contains(row.getLong(1))) {
                            waiting++;
                            continue;
                        }
                        if (chainBroken) {
                            count++;
                            found(
                                    new Finding(
                                            Kind.UNSEALED,
                                            null,
                                            row.getLong(1),
                                            row.getString(2),
                                            List.of(),
                                            "Stored among sealed events but not sealed, in a chain with missing or edited links"));
                        } else {
                            neverSealed.add(row.getString(2));
                            found(
                                    new Finding(
                                            Kind.NEVER_SEALED,
                                            null,
                                            row.getLong(1),
                                            row.getString(2),
                                            List.of(),
                                            "Stored among sealed events but never sealed; the chain around it is whole"));
                        }
                    }
                }
            }
            return count;
        }

        private void found(Finding finding) {
            findingCount++;
            if (finding.kind() != Kind.NEVER_SEALED) {
                tampered = true;
            }
            if (finding.kind() == Kind.CHAIN_GAP
                    || finding.kind() == Kind.CHAIN_ALTERED
                    || finding.kind() == Kind.ANCHOR_MISMATCH) {
                chainBroken = true;
            }
            if (findings.size() < MAX_FINDINGS) {
                findings.add(finding);
            }
        }

        /**
         * How far the sealing processor got: its gap-aware token's index and gaps (a replay's token
         * at reset).
         */
        private Optional<Progress> progress() throws SQLException {
            try (PreparedStatement query =
                    connection.prepareStatement(
                            "SELECT token FROM tokenentry WHERE processorname = ? AND token IS NOT NULL")) {
                query.setString(1, ProcessorNames.AUDIT_CHAIN);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    JsonNode token = JSON.readTree(row.getBytes(1));
                    JsonNode gapAware =
                            token.has("tokenAtReset") ? token.get("tokenAtReset") : token;
                    if (!gapAware.path("index").canConvertToLong()) {
                        return Optional.empty();
                    }
                    Set<Long> gaps = new HashSet<>();
                    gapAware.path("gaps").forEach(gap -> gaps.add(gap.asLong()));
                    return Optional.of(new Progress(gapAware.get("index").asLong(), gaps));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }

        private Optional<Head> head() throws SQLException {
            try (PreparedStatement query =
                            connection.prepareStatement(
                                    "SELECT seq, global_index, hash FROM audit_chain ORDER BY seq DESC LIMIT 1");
                    ResultSet row = query.executeQuery()) {
                return row.next()
                        ? Optional.of(
                                new Head(
                                        row.getLong(1),
                                        row.getLong(2),
                                        HEX.formatHex(row.getBytes(3))))
                        : Optional.empty();
            }
        }

        private byte[] hashAt(long seq) throws SQLException {
            try (PreparedStatement query =
                    connection.prepareStatement("SELECT hash FROM audit_chain WHERE seq = ?")) {
                query.setLong(1, seq);
                try (ResultSet row = query.executeQuery()) {
                    // a missing predecessor is reported as a gap; the first link checked then has
                    // nothing to match
                    return row.next() ? row.getBytes(1) : null;
                }
            }
        }

        private Optional<Long> optional(String sql, Object parameter) throws SQLException {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                if (parameter != null) {
                    query.setObject(1, parameter);
                }
                try (ResultSet row = query.executeQuery()) {
                    if (row.next()) {
                        long value = row.getLong(1);
                        return row.wasNull() ? Optional.empty() : Optional.of(value);
                    }
                    return Optional.empty();
                }
            }
        }

        private long count(String sql, long low, long high) throws SQLException {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setLong(1, low);
                query.setLong(2, high);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        }
    }
}
