package dev.aic.queryside.reconciliation;

import static dev.aic.queryside.ProjectionNames.USERS;
import static dev.aic.queryside.ProjectionNames.USERS_SEARCH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aic.eventstore.TokenTable;
import dev.aic.queryside.reconciliation.ProcessorFinding.BucketMismatch;
import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.junit.jupiter.api.Test;

class ProjectionCheckTest {

    @Test
    void aProcessorReachesWhereItsSlowestSegmentIsWithTheGapsOfEverySegment() {
        var reach =
                ProjectionCheck.reach(
                        List.of(
                                new TokenTable.Segment(
                                        0,
                                        GapAwareTrackingToken.newInstance(40, List.of(35L)),
                                        null),
                                new TokenTable.Segment(
                                        1,
                                        GapAwareTrackingToken.newInstance(30, List.of(12L, 29L)),
                                        null)));

        assertThat(reach)
                .hasValueSatisfying(
                        r -> {
                            assertThat(r.index()).isEqualTo(30);
                            assertThat(r.gaps()).containsExactly(12L, 29L, 35L);
                        });
    }

    @Test
    void aReplayingProcessorReachesWhereItsReplayIs() {
        var replaying =
                ReplayToken.createReplayToken(
                        GapAwareTrackingToken.newInstance(90, List.of()),
                        GapAwareTrackingToken.newInstance(20, List.of()));

        assertThat(ProjectionCheck.reach(List.of(new TokenTable.Segment(0, replaying, null))))
                .hasValueSatisfying(r -> assertThat(r.index()).isEqualTo(20));
    }

    @Test
    void aProcessorWithoutSegmentsOrWithForeignTokensIsNotChecked() {
        assertThat(ProjectionCheck.reach(List.of())).isEmpty();
        assertThat(
                        ProjectionCheck.reach(
                                List.of(
                                        new TokenTable.Segment(
                                                0, new GlobalSequenceTrackingToken(5), null))))
                .isEmpty();
    }

    @Test
    void aProcessorThatReadNothingReachesNothing() {
        assertThat(ProjectionCheck.reach(List.of(new TokenTable.Segment(0, null, null))))
                .hasValueSatisfying(r -> assertThat(r.index()).isEqualTo(-1));
    }

    @Test
    void fewerTakenThanCertainIsMissingAndMoreThanPossibleIsSurplus() {
        var finding =
                new ProcessorFinding(
                        USERS,
                        20_500,
                        List.of(
                                new BucketMismatch(0, 100, 0, 99, false),
                                new BucketMismatch(2, 40, 3, 45, false)));

        assertThat(finding.missing()).isEqualTo(1);
        assertThat(finding.surplus()).isEqualTo(2);
        assertThat(finding.firstMismatchedBucket()).hasValue(0);
        assertThat(finding.matches()).isFalse();
    }

    @Test
    void theRightCountOfOtherEventsIsOneMissingAndOneSurplus() {
        var finding =
                new ProcessorFinding(
                        USERS_SEARCH, 175, List.of(new BucketMismatch(0, 175, 0, 175, false)));

        assertThat(finding.missing()).isEqualTo(1);
        assertThat(finding.surplus()).isEqualTo(1);
    }
}
