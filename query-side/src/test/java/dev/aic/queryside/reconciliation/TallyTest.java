package dev.aic.queryside.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TallyTest {

    private static final Tally A = new Tally(1, BigDecimal.valueOf(-7_212_345_678_901_234L));
    private static final Tally B = new Tally(1, BigDecimal.valueOf(4_300_000_000_000_000_000L));
    private static final Tally C = new Tally(1, BigDecimal.valueOf(12L));

    @Test
    void theSameEventsHaveTheSameTally() {
        assertThat(A.plus(B).sameEventsAs(B.plus(A))).isTrue();
        assertThat(A.plus(B).plus(C).minus(C).sameEventsAs(A.plus(B))).isTrue();
    }

    @Test
    void anEventTakenTwiceDoesNotPassForAnEventNeverTaken() {
        Tally store = A.plus(B);
        Tally takenTwiceAndMissed = A.plus(A);

        assertThat(takenTwiceAndMissed.count()).isEqualTo(store.count());
        assertThat(takenTwiceAndMissed.sameEventsAs(store)).isFalse();
    }
}
