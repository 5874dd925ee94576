package dev.aic.eventstore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The rows of Axon's {@code JdbcTokenStore} table, read and written directly in the caller's
 * transaction: the one place outside Axon that knows its columns and how tokens are stored in them.
 * Every instance of a service shares the table, so it tells how far each processor got whichever
 * instance owns which segment, and lets a caller rewind, fence or hand over a segment it does not
 * own.
 */
public class TokenTable {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final String table;

    /**
     * @param serializer Axon's general serializer: the one its {@code JdbcTokenStore} writes tokens
     *     with ({@code axon.serializer.general}, Jackson here)
     * @param table the table, qualified with its schema where a transaction may change the search
     *     path
     */
    public TokenTable(JdbcTemplate jdbc, Serializer serializer, String table) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.table = table;
    }

    /**
     * One segment of a processor: its token (null until it has processed anything) and its owner
     * (null: none).
     */
    public record Segment(int segment, TrackingToken token, String owner) {}

    /** The processor's segments in order. */
    public List<Segment> segments(String processor) {
        return jdbc.query(
                "SELECT segment, token, tokentype, owner FROM "
                        + table
                        + " WHERE processorname = ? ORDER BY segment",
                segment(),
                processor);
    }

    /**
     * The same, with the rows locked until the transaction ends, so the owner cannot store a token
     * meanwhile.
     */
    public List<Segment> lockSegments(String processor) {
        return jdbc.query(
                "SELECT segment, token, tokentype, owner FROM "
                        + table
                        + " WHERE processorname = ? ORDER BY segment FOR UPDATE",
                segment(),
                processor);
    }

    /** The segments of each of the named processors that has any. */
    public Map<String, List<Segment>> segments(Collection<String> processors) {
        if (processors.isEmpty()) {
            return new HashMap<>();
        }
        String placeholders = String.join(", ", processors.stream().map(p -> "?").toList());
        return byProcessor(
                "SELECT processorname, segment, token, tokentype, owner FROM "
                        + table
                        + " WHERE processorname IN ("
                        + placeholders
                        + ") ORDER BY processorname, segment",
                processors.toArray());
    }

    /** The segments of every processor in the table. */
    public Map<String, List<Segment>> all() {
        return byProcessor(
                "SELECT processorname, segment, token, tokentype, owner FROM "
                        + table
                        + " ORDER BY processorname, segment");
    }

    /**
     * Stores {@code token} (null: from the first event) for one segment and gives the claim to
     * {@code owner}.
     */
    public void store(String processor, int segment, TrackingToken token, String owner) {
        byte[] bytes = null;
        String type = null;
        if (token != null) {
            SerializedObject<byte[]> serialized = serializer.serialize(token, byte[].class);
            bytes = serialized.getData();
            type = serialized.getType().getName();
        }
        jdbc.update(
                "UPDATE "
                        + table
                        + " SET token = ?, tokentype = ?, owner = ?, timestamp = ?"
                        + " WHERE processorname = ? AND segment = ?",
                bytes,
                type,
                owner,
                now(),
                processor,
                segment);
    }

    /**
     * Gives every claim of the processor to {@code owner}, with a fresh timestamp: Axon's {@code
     * JdbcTokenStore} lets a node store or extend a token only while it owns the claim, or while
     * nobody does (owner null) or the claim has expired.
     */
    public void claim(String processor, String owner) {
        jdbc.update(
                "UPDATE " + table + " SET owner = ?, timestamp = ? WHERE processorname = ?",
                owner,
                now(),
                processor);
    }

    /** Releases the processor's claims that {@code owner} holds. */
    public void release(String processor, String owner) {
        jdbc.update(
                "UPDATE " + table + " SET owner = NULL WHERE processorname = ? AND owner = ?",
                processor,
                owner);
    }

    /**
     * Replaces the rows of processor {@code to} by those of {@code from}, claimed by {@code owner}
     * (null: by nobody) with a fresh timestamp, and deletes {@code from}'s.
     */
    public void handOver(String from, String to, String owner) {
        delete(to);
        jdbc.update(
                "INSERT INTO "
                        + table
                        + " (processorname, segment, token, tokentype, timestamp, owner)"
                        + " SELECT ?, segment, token, tokentype, ?, ? FROM "
                        + table
                        + " WHERE processorname = ?",
                to,
                now(),
                owner,
                from);
        delete(from);
    }

    /**
     * Deletes the processor's rows: it starts again from the first event, or from its initial
     * token.
     */
    public void delete(String processor) {
        jdbc.update("DELETE FROM " + table + " WHERE processorname = ?", processor);
    }

    /**
     * A token as {@code JdbcTokenStore} stores it: serialized bytes and the token's class name, no
     * revision.
     */
    TrackingToken token(byte[] bytes, String type) {
        return bytes == null || type == null
                ? null
                : serializer.deserialize(
                        new SimpleSerializedObject<>(bytes, byte[].class, type, null));
    }

    private RowMapper<Segment> segment() {
        return (row, n) ->
                new Segment(
                        row.getInt("segment"),
                        token(row.getBytes("token"), row.getString("tokentype")),
                        row.getString("owner"));
    }

    private Map<String, List<Segment>> byProcessor(String sql, Object... arguments) {
        Map<String, List<Segment>> segments = new HashMap<>();
        RowMapper<Segment> segment = segment();
        jdbc.query(
                sql,
                row -> {
                    segments.computeIfAbsent(
                                    row.getString("processorname"), name -> new ArrayList<>())
                            .add(segment.mapRow(row, 0));
                },
                arguments);
        return segments;
    }

    private static String now() {
        return DateTimeUtils.formatInstant(Instant.now());
    }
}
