package dev.aic.queryside.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

/**
 * The ledger counts an event only when it is not a replay ({@link ReplayToken#isReplay}), and every
 * handler with a side effect that must not repeat relies on the same verdict. AxonFramework #3604:
 * a replay token wrapping a gap-aware token took events already handled before the reset for new
 * ones once a gap below them was filled, so they ran twice (fixed by AxonFramework #4016/#4038).
 * These pin the verdicts of the Axon version we run, as the processor meets the events: each
 * event's token is the previous one advanced to the event's own index.
 */
class ReplayOverGapsTest {

    /** Reset at index 10 while 7 had not committed: 1–6 and 8–10 were handled, 7 was not. */
    private static final GapAwareTrackingToken AT_RESET =
            GapAwareTrackingToken.newInstance(10, Set.of(7L));

    @Test
    void anEventMissingAtTheResetIsNewAndTheEventsHandledAroundItAreReplays() {
        // AxonFramework #3604's case, fixed: 8-10 stay replays once 7 fills the gap below them
        assertThat(verdicts(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11))
                .containsExactly(
                        "1 replay",
                        "2 replay",
                        "3 replay",
                        "4 replay",
                        "5 replay",
                        "6 replay",
                        "7 new",
                        "8 replay",
                        "9 replay",
                        "10 replay",
                        "11 new");
    }

    /**
     * Still wrong in 4.13.0, the other way round: 7, open at the reset and committed only after the
     * replay passed 10, was never handled, yet is called a replay (the replay compares positions,
     * and the token of a late event stands at the furthest index read). No handler of ours skips
     * replays; the ledger, which does not count them again, misses 7 and the reconciliation rewinds
     * the processor to take it (docs/reliability.md). Should an upgrade fix it, this fails and says
     * so.
     */
    @Test
    void anEventOpenAtTheResetAndCommittedAfterTheReplayPassedItIsStillTakenForAReplayByAxon4130() {
        assertThat(verdicts(1, 2, 3, 4, 5, 6, 8, 9, 10, 7, 11))
                .containsExactly(
                        "1 replay",
                        "2 replay",
                        "3 replay",
                        "4 replay",
                        "5 replay",
                        "6 replay",
                        "8 replay",
                        "9 replay",
                        "10 replay",
                        "7 replay",
                        "11 new");
    }

    private static List<String> verdicts(long... delivered) {
        TrackingToken token = ReplayToken.createReplayToken(AT_RESET);
        GapAwareTrackingToken stream = null;
        List<String> verdicts = new ArrayList<>();
        for (long index : delivered) {
            stream =
                    stream == null
                            ? GapAwareTrackingToken.newInstance(index, gapsBelow(index))
                            : stream.advanceTo(index, Integer.MAX_VALUE);
            // once past the reset the replay token unwraps itself into the plain token
            token = token instanceof ReplayToken replay ? replay.advancedTo(stream) : stream;
            verdicts.add(index + (ReplayToken.isReplay(token) ? " replay" : " new"));
        }
        return verdicts;
    }

    private static Set<Long> gapsBelow(long index) {
        Set<Long> gaps = new TreeSet<>();
        for (long i = 1; i < index; i++) {
            gaps.add(i);
        }
        return gaps;
    }
}
