package dev.aic.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RelevanceScoresTest {

    private static final Set<String> ANSWERS =
            Set.of("library/sched.html", "library/threading.html");

    @Test
    void anAnsweringPageAtTheTopScoresOneEverywhere() {
        List<String> ranked =
                List.of("library/threading.html", "library/sched.html", "library/os.html");

        assertThat(RelevanceScores.hitAt(5, ranked, ANSWERS)).isEqualTo(1);
        assertThat(RelevanceScores.reciprocalRankAt(10, ranked, ANSWERS)).isEqualTo(1);
        assertThat(RelevanceScores.ndcgAt(10, ranked, ANSWERS)).isEqualTo(1);
    }

    @Test
    void answeringPagesLowerDownScoreByTheirRanks() {
        List<String> ranked =
                List.of(
                        "library/os.html",
                        "library/sched.html",
                        "library/time.html",
                        "library/threading.html");

        assertThat(RelevanceScores.firstRank(ranked, ANSWERS)).isEqualTo(2);
        assertThat(RelevanceScores.reciprocalRankAt(10, ranked, ANSWERS)).isEqualTo(0.5);
        // (1/log2 3 + 1/log2 5) / (1 + 1/log2 3)
        assertThat(RelevanceScores.ndcgAt(10, ranked, ANSWERS)).isCloseTo(0.6509, within(1e-4));
    }

    @Test
    void anAnswerBelowTheCutOffIsAMiss() {
        List<String> ranked = List.of("a", "b", "c", "d", "e", "library/sched.html");

        assertThat(RelevanceScores.hitAt(5, ranked, ANSWERS)).isZero();
        assertThat(RelevanceScores.reciprocalRankAt(5, ranked, ANSWERS)).isZero();
        assertThat(RelevanceScores.reciprocalRankAt(10, ranked, ANSWERS))
                .isCloseTo(1 / 6.0, within(1e-9));
        assertThat(RelevanceScores.ndcgAt(5, ranked, ANSWERS)).isZero();
    }

    @Test
    void resultsOutsideTheCorpusNeverAnswer() {
        List<String> ranked = List.of(SearchQualityBenchmark.OTHER, SearchQualityBenchmark.OTHER);

        assertThat(RelevanceScores.firstRank(ranked, ANSWERS)).isZero();
        assertThat(RelevanceScores.ndcgAt(10, ranked, ANSWERS)).isZero();
    }
}
