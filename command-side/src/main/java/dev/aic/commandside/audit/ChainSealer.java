package dev.aic.commandside.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Appends events to the audit chain, in the order given, inside the caller's transaction. The
 * chain's primary key is its position, so two sealers racing for the same position cannot fork the
 * chain: one of them fails and rolls back. An event already sealed is skipped, which makes a replay
 * of the sealing processor harmless. Plain JDBC, so the service, the benchmark and any tool seal
 * alike.
 */
public final class ChainSealer {

    private final ChainHash hashes = new ChainHash();

    /**
     * Seals the events with these identifiers, in this order. Each event is found by its
     * identifier, so it is sealed at its own global index whatever order the events committed in.
     *
     * @return how many events were appended (those already sealed are not)
     */
    public int seal(Connection connection, List<String> eventIdentifiers) throws SQLException {
        if (eventIdentifiers.isEmpty()) {
            return 0;
        }
        Map<String, StoredEvent> events = events(connection, eventIdentifiers);
        Set<Long> sealed =
                alreadySealed(
                        connection,
                        events.values().stream().map(StoredEvent::globalIndex).toList());
        long seq = 0;
        byte[] previous = ChainHash.GENESIS;
        try (PreparedStatement head =
                        connection.prepareStatement(
                                "SELECT seq, hash FROM audit_chain ORDER BY seq DESC LIMIT 1");
                ResultSet row = head.executeQuery()) {
            if (row.next()) {
                seq = row.getLong(1);
                previous = row.getBytes(2);
            }
        }
        int appended = 0;
        try (PreparedStatement insert =
                connection.prepareStatement(
                        """
                INSERT INTO audit_chain (seq, global_index, event_identifier, hash, prev_hash, field_digests)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            for (String identifier : eventIdentifiers) {
                StoredEvent event = events.get(identifier);
                if (event == null) {
                    throw new IllegalStateException(
                            "Event " + identifier + " is not in the event store");
                }
                if (!sealed.add(event.globalIndex())) {
                    continue;
                }
                ChainHash.Seal seal = hashes.seal(previous, event);
                insert.setLong(1, ++seq);
                insert.setLong(2, event.globalIndex());
                insert.setString(3, identifier);
                insert.setBytes(4, seal.hash());
                insert.setBytes(5, previous);
                insert.setBytes(6, seal.fieldDigests());
                insert.addBatch();
                previous = seal.hash();
                appended++;
            }
            if (appended > 0) {
                insert.executeBatch();
            }
        }
        return appended;
    }

    private static Set<Long> alreadySealed(Connection connection, List<Long> globalIndexes)
            throws SQLException {
        Set<Long> sealed = new HashSet<>();
        try (PreparedStatement query =
                connection.prepareStatement(
                        "SELECT global_index FROM audit_chain WHERE global_index = ANY (?)")) {
            query.setArray(1, connection.createArrayOf("bigint", globalIndexes.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    sealed.add(rows.getLong(1));
                }
            }
        }
        return sealed;
    }

    private static Map<String, StoredEvent> events(
            Connection connection, List<String> eventIdentifiers) throws SQLException {
        Map<String, StoredEvent> events = new HashMap<>();
        try (PreparedStatement query =
                connection.prepareStatement(
                        "SELECT "
                                + StoredEvent.COLUMNS
                                + " FROM domainevententry e WHERE e.eventidentifier = ANY (?)")) {
            query.setArray(1, connection.createArrayOf("varchar", eventIdentifiers.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    StoredEvent event = StoredEvent.read(rows, 1);
                    events.put(event.eventIdentifier(), event);
                }
            }
        }
        return events;
    }
}
