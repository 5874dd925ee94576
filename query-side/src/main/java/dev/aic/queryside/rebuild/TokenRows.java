package dev.aic.queryside.rebuild;

import java.time.Instant;
import java.util.List;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A processor's rows in {@code query.tokenentry}, read and rewritten in the caller's transaction: what a
 * swap fences, compares and hands over from the rebuild processor to the live one.
 */
@Component("rebuildTokenRows")
class TokenRows {

    private static final String TABLE = ShadowSchema.LIVE + ".tokenentry";

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    /** @param serializer Axon's general serializer, the one its {@code JdbcTokenStore} writes tokens with */
    TokenRows(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    record Segment(int segment, TrackingToken token, String owner) {
    }

    List<Segment> of(String processor) {
        return jdbc.query("SELECT segment, token, tokentype, owner FROM " + TABLE
                        + " WHERE processorname = ? ORDER BY segment",
                (row, i) -> new Segment(row.getInt("segment"), token(row.getBytes("token"), row.getString("tokentype")),
                        row.getString("owner")), processor);
    }

    /**
     * Where a processor stands: the position of its single segment's token, or null while it has none or has
     * several (their positions are not one).
     */
    Long position(String processor) {
        return position(of(processor));
    }

    static Long position(List<Segment> segments) {
        if (segments.size() != 1 || segments.get(0).token() == null) {
            return null;
        }
        TrackingToken token = WrappedToken.unwrapLowerBound(segments.get(0).token());
        return token == null ? null : token.position().orElse(-1);
    }

    /** Whether two single-segment processors have processed exactly the same events. */
    static boolean samePosition(List<Segment> one, List<Segment> other) {
        if (one.size() != 1 || other.size() != 1 || one.get(0).token() == null || other.get(0).token() == null) {
            return false;
        }
        TrackingToken a = WrappedToken.unwrapLowerBound(one.get(0).token());
        TrackingToken b = WrappedToken.unwrapLowerBound(other.get(0).token());
        return a.covers(b) && b.covers(a);
    }

    /**
     * Takes the processor's claims for {@code fence}, a name no node has, with a fresh timestamp: Axon's
     * {@code JdbcTokenStore} lets a node store or extend a token only while it owns the claim, or while nobody
     * does (owner null) or the claim has expired. A node processing the live projection elsewhere therefore
     * fails its next batch (rolled back) and may not claim the segment again until the fence is lifted.
     */
    void fence(String processor, String fence) {
        jdbc.update("UPDATE " + TABLE + " SET owner = ?, timestamp = ? WHERE processorname = ?",
                fence, DateTimeUtils.formatInstant(Instant.now()), processor);
    }

    /** Whether every segment of the processor is still fenced by {@code fence}; locks the rows. */
    boolean stillFenced(String processor, String fence) {
        List<String> owners = jdbc.queryForList("SELECT owner FROM " + TABLE
                + " WHERE processorname = ? FOR UPDATE", String.class, processor);
        return owners.stream().allMatch(fence::equals);
    }

    void liftFence(String processor, String fence) {
        jdbc.update("UPDATE " + TABLE + " SET owner = NULL WHERE processorname = ? AND owner = ?", processor, fence);
    }

    /**
     * The live processor continues where the rebuild processor stands: its rows replaced by the rebuild's,
     * unclaimed, so whichever node claims them next reads the rebuild's token.
     */
    void handOver(String from, String to) {
        handOver(from, to, null);
    }

    /**
     * As {@link #handOver(String, String)}, but the rows stay fenced by {@code fence} (fresh timestamp) until the
     * claim times out: for when another node has claimed the live processor since it was fenced, and would
     * otherwise store its own, older token over the handed-over one at its next batch.
     */
    void handOver(String from, String to, String fence) {
        jdbc.update("DELETE FROM " + TABLE + " WHERE processorname = ?", to);
        jdbc.update("INSERT INTO " + TABLE + " (processorname, segment, token, tokentype, timestamp, owner)"
                + " SELECT ?, segment, token, tokentype, ?, ? FROM " + TABLE + " WHERE processorname = ?",
                to, DateTimeUtils.formatInstant(Instant.now()), fence, from);
        forget(from);
    }

    void forget(String processor) {
        jdbc.update("DELETE FROM " + TABLE + " WHERE processorname = ?", processor);
    }

    /** The position of the newest event in the store. */
    long head() {
        Long head = jdbc.queryForObject("SELECT max(globalindex) FROM event_store.domainevententry", Long.class);
        return head == null ? -1 : head;
    }

    private TrackingToken token(byte[] bytes, String type) {
        return bytes == null || type == null ? null
                : serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
    }
}
