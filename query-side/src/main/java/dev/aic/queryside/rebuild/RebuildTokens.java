package dev.aic.queryside.rebuild;

import dev.aic.eventstore.TokenTable;
import dev.aic.eventstore.TokenTable.Segment;
import java.util.List;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A processor's rows in the token table, read and rewritten in the caller's transaction: what a
 * swap fences, compares and hands over from the rebuild processor to the live one.
 */
@Component
class RebuildTokens {

    private final TokenTable table;
    private final JdbcTemplate jdbc;

    RebuildTokens(TokenTable table, JdbcTemplate jdbc) {
        this.table = table;
        this.jdbc = jdbc;
    }

    List<Segment> of(String processor) {
        return table.segments(processor);
    }

    /**
     * Where a processor stands: the position of its single segment's token, or null while it has
     * none or has several (their positions are not one).
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
        if (one.size() != 1
                || other.size() != 1
                || one.get(0).token() == null
                || other.get(0).token() == null) {
            return false;
        }
        TrackingToken a = WrappedToken.unwrapLowerBound(one.get(0).token());
        TrackingToken b = WrappedToken.unwrapLowerBound(other.get(0).token());
        return a.covers(b) && b.covers(a);
    }

    /**
     * Takes the processor's claims for {@code fence}, a name no node has, with a fresh timestamp. A
     * node processing the live projection elsewhere therefore fails its next batch (rolled back)
     * and may not claim the segment again until the fence is lifted.
     */
    void fence(String processor, String fence) {
        table.claim(processor, fence);
    }

    /** Whether every segment of the processor is still fenced by {@code fence}; locks the rows. */
    boolean stillFenced(String processor, String fence) {
        return table.lockSegments(processor).stream()
                .allMatch(segment -> fence.equals(segment.owner()));
    }

    void liftFence(String processor, String fence) {
        table.release(processor, fence);
    }

    /**
     * The live processor continues where the rebuild processor stands: its rows replaced by the
     * rebuild's, unclaimed, so whichever node claims them next reads the rebuild's token.
     */
    void handOver(String from, String to) {
        handOver(from, to, null);
    }

    /**
     * As {@link #handOver(String, String)}, but the rows stay fenced by {@code fence} (fresh
     * timestamp) until the claim times out: for when another node has claimed the live processor
     * since it was fenced, and would otherwise store its own, older token over the handed-over one
     * at its next batch.
     */
    void handOver(String from, String to, String fence) {
        table.handOver(from, to, fence);
    }

    void forget(String processor) {
        table.delete(processor);
    }

    /** The position of the newest event in the store. */
    long head() {
        Long head =
                jdbc.queryForObject(
                        "SELECT max(globalindex) FROM event_store.domainevententry", Long.class);
        return head == null ? -1 : head;
    }
}
