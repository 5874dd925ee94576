package dev.aic.queryside.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.Test;

class TokenRewindTest {

    @Test
    void aRewoundTokenStopsJustBeforeTheBucketAndKeepsTheGapsBelowIt() {
        GapAwareTrackingToken token =
                GapAwareTrackingToken.newInstance(
                        25_000, List.of(9_990L, 19_998L, 19_999L, 24_000L));

        GapAwareTrackingToken rewound = TokenRewind.before(ProcessedEventCounts.startOf(2), token);

        assertThat(rewound.getIndex()).isEqualTo(19_999);
        assertThat(rewound.getGaps()).containsExactly(9_990L, 19_998L);
    }

    @Test
    void rewindingToTheFirstBucketStartsFromTheFirstEvent() {
        assertThat(TokenRewind.before(0, GapAwareTrackingToken.newInstance(42, List.of(7L))))
                .isNull();
    }

    @Test
    void aTokenNotYetAtTheBucketStaysWhereItIs() {
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(9_000, List.of(8_000L));

        assertThat(TokenRewind.before(ProcessedEventCounts.startOf(1), token)).isSameAs(token);
        assertThat(TokenRewind.before(ProcessedEventCounts.startOf(1), null)).isNull();
    }
}
