package dev.aic.commandside.audit;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One row of {@code domainevententry} exactly as stored: the bytes the audit chain seals. Nothing
 * here is deserialised or upcast, so the chain proves what is on disk, not what today's code makes
 * of it.
 */
public record StoredEvent(
        long globalIndex,
        String eventIdentifier,
        String aggregateIdentifier,
        long sequenceNumber,
        String type,
        String payloadType,
        String payloadRevision,
        String timestamp,
        byte[] payload,
        byte[] metadata) {

    /** The columns {@link #read} expects, in this order, for a table aliased {@code e}. */
    public static final String COLUMNS =
            "e.globalindex, e.eventidentifier, e.aggregateidentifier, e.sequencenumber,"
                    + " e.type, e.payloadtype, e.payloadrevision, e.timestamp, e.payload, e.metadata";

    /** The event in {@link #COLUMNS} starting at column {@code first}. */
    public static StoredEvent read(ResultSet row, int first) throws SQLException {
        return new StoredEvent(
                row.getLong(first),
                row.getString(first + 1),
                row.getString(first + 2),
                row.getLong(first + 3),
                row.getString(first + 4),
                row.getString(first + 5),
                row.getString(first + 6),
                row.getString(first + 7),
                row.getBytes(first + 8),
                row.getBytes(first + 9));
    }
}
