package dev.aic.queryside.reconciliation;

import java.time.Instant;
import java.util.List;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A processor's rows in Axon's {@code JdbcTokenStore} table, read and written directly: the reconciliation must
 * see every segment whichever instance owns it, and rewind a segment it does not own.
 */
@Component("reconciliationTokenRows")
class TokenRows {

    /** The owner a rewound segment is left with until its claim expires; no processor is named like this. */
    static final String REWIND_OWNER = "aic-reconciliation";

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    /**
     * @param serializer Axon's general serializer: the one its auto-configured {@code JdbcTokenStore} writes
     *                   tokens with
     */
    TokenRows(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    record Segment(int segment, TrackingToken token) {
    }

    List<Segment> of(String processor) {
        return jdbc.query("SELECT segment, token, tokentype FROM tokenentry WHERE processorname = ? ORDER BY segment",
                (row, n) -> new Segment(row.getInt("segment"), token(row.getBytes("token"), row.getString("tokentype"))),
                processor);
    }

    /** The same, with the rows locked until the transaction ends, so the owner cannot store a token meanwhile. */
    List<Segment> lock(String processor) {
        return jdbc.query("""
                        SELECT segment, token, tokentype FROM tokenentry WHERE processorname = ?
                        ORDER BY segment FOR UPDATE""",
                (row, n) -> new Segment(row.getInt("segment"), token(row.getBytes("token"), row.getString("tokentype"))),
                processor);
    }

    /**
     * Stores {@code token} (null: from the first event) and takes the segment away from its owner. Releasing the
     * claim (owner null) would not do: Axon's store lets an owner that finds its claim released claim it again
     * and overwrite the token with the one it holds in memory. A claim held by nobody that runs expires after
     * the token store's claim timeout; then any instance claims the segment and reads the rewound token.
     */
    void rewind(String processor, int segment, TrackingToken token) {
        byte[] bytes = null;
        String type = null;
        if (token != null) {
            SerializedObject<byte[]> serialized = serializer.serialize(token, byte[].class);
            bytes = serialized.getData();
            type = serialized.getType().getName();
        }
        jdbc.update("""
                UPDATE tokenentry SET token = ?, tokentype = ?, owner = ?, timestamp = ?
                WHERE processorname = ? AND segment = ?""",
                bytes, type, REWIND_OWNER, DateTimeUtils.formatInstant(Instant.now()), processor, segment);
    }

    private TrackingToken token(byte[] bytes, String type) {
        return bytes == null || type == null ? null
                : serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
    }
}
