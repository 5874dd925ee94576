package dev.aic.queryside.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.MergedTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

class ProcessorTokensTest {

    private static final GapAwareTrackingToken AT_10_WITH_GAP_7 =
            GapAwareTrackingToken.newInstance(10, Set.of(7L));

    @Test
    void aPositionIsProcessedOnceTheIndexHasPassedItUnlessItIsAGap() {
        assertThat(ProcessorTokens.covers(AT_10_WITH_GAP_7, 10)).isTrue();
        assertThat(ProcessorTokens.covers(AT_10_WITH_GAP_7, 8)).isTrue();
        assertThat(ProcessorTokens.covers(AT_10_WITH_GAP_7, 7)).isFalse();
        assertThat(ProcessorTokens.covers(AT_10_WITH_GAP_7, 11)).isFalse();
    }

    @Test
    void aSegmentThatHasNotStartedHasProcessedNothing() {
        assertThat(ProcessorTokens.covers(null, 0)).isFalse();
    }

    @Test
    void aReplayCountsOnlyWhatItHasReplayedSoFar() {
        TrackingToken replaying =
                ReplayToken.createReplayToken(
                        GapAwareTrackingToken.newInstance(100, Set.of()),
                        GapAwareTrackingToken.newInstance(40, Set.of()));

        assertThat(ProcessorTokens.covers(replaying, 40)).isTrue();
        assertThat(ProcessorTokens.covers(replaying, 41)).isFalse();
    }

    @Test
    void twoSegmentsBeingMergedCountWhatBothHaveProcessed() {
        TrackingToken merging =
                new MergedTrackingToken(
                        GapAwareTrackingToken.newInstance(30, Set.of()),
                        GapAwareTrackingToken.newInstance(20, Set.of()));

        assertThat(ProcessorTokens.covers(merging, 20)).isTrue();
        assertThat(ProcessorTokens.covers(merging, 25)).isFalse();
    }
}
