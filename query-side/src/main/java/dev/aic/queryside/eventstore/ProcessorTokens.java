package dev.aic.queryside.eventstore;

import dev.aic.eventstore.TokenTable;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The query-side's streaming processors as the token store records them, shared by every instance
 * of the service: how far each processor got, whichever instance owns which segment.
 */
@Component
public class ProcessorTokens {

    private final TokenTable table;
    private final JdbcTemplate jdbc;

    ProcessorTokens(TokenTable table, JdbcTemplate jdbc) {
        this.table = table;
        this.jdbc = jdbc;
    }

    /** What the token store says now about the named processors. */
    public Progress progress(Collection<String> processors) {
        Map<String, List<TrackingToken>> tokens = new HashMap<>();
        table.segments(processors)
                .forEach(
                        (processor, segments) ->
                                tokens.put(
                                        processor,
                                        segments.stream().map(TokenTable.Segment::token).toList()));
        return new Progress(tokens);
    }

    /**
     * Drops a processor's tokens so that it processes the event store again from its start. Only
     * for a processor that has not started: a running one would find its claim gone. The
     * processor's ledger of taken events (the reconciliation's) goes with its tokens, since it is
     * about to take every event again.
     */
    public void forget(String processor) {
        table.delete(processor);
        jdbc.update("DELETE FROM processed_event_count WHERE processor = ?", processor);
    }

    /**
     * An event is processed once the token's index has passed it and it is not one of the token's
     * gaps (positions passed before their transaction committed). A replay or a segment merge wraps
     * tokens; their lower bound is what has certainly been processed.
     */
    static boolean covers(TrackingToken token, long position) {
        if (token == null) {
            return false;
        }
        TrackingToken processed = WrappedToken.unwrapLowerBound(token);
        if (processed instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return processed != null && processed.position().orElse(-1) >= position;
    }

    /** The tokens of some processors at one moment. */
    public static final class Progress {

        private final Map<String, List<TrackingToken>> tokens;

        private Progress(Map<String, List<TrackingToken>> tokens) {
            this.tokens = tokens;
        }

        /**
         * Whether every segment of {@code processor} has processed the event at global position
         * {@code position}. Each segment reads every event and moves its token past the ones of
         * other segments, so all of them passing it is exact, whichever segment the event belongs
         * to. A processor without segments yet has processed nothing.
         */
        public boolean covers(String processor, long position) {
            List<TrackingToken> segments = tokens.getOrDefault(processor, List.of());
            return !segments.isEmpty()
                    && segments.stream().allMatch(token -> ProcessorTokens.covers(token, position));
        }

        /** Whether all of {@code processors} have processed the event at {@code position}. */
        public boolean coversAll(Collection<String> processors, long position) {
            return processors.stream().allMatch(processor -> covers(processor, position));
        }
    }
}
