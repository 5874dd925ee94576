package dev.aic.bench;

import java.util.List;
import java.util.Set;

/**
 * Binary-relevance scores of one ranked answer: a page either answers the question or it does not.
 *
 * <ul>
 *   <li>hit@k: 1 when an answering page is among the first k results;
 *   <li>reciprocal rank@k: 1 / the rank of the first answering page within the first k, else 0 (its
 *       mean is MRR);
 *   <li>nDCG@k: the sum of 1 / log2(rank + 1) over the answering pages within the first k, divided
 *       by the same sum for an ideal ranking that puts every answering page first.
 * </ul>
 *
 * A result that maps to no page (a document outside the corpus) counts as not answering.
 */
final class RelevanceScores {

    private RelevanceScores() {}

    /** The rank (from 1) of the first answering page, or 0 when none is in {@code ranked}. */
    static int firstRank(List<String> ranked, Set<String> answers) {
        for (int i = 0; i < ranked.size(); i++) {
            if (answers.contains(ranked.get(i))) {
                return i + 1;
            }
        }
        return 0;
    }

    static double hitAt(int k, List<String> ranked, Set<String> answers) {
        int rank = firstRank(ranked, answers);
        return rank > 0 && rank <= k ? 1 : 0;
    }

    static double reciprocalRankAt(int k, List<String> ranked, Set<String> answers) {
        int rank = firstRank(ranked, answers);
        return rank > 0 && rank <= k ? 1.0 / rank : 0;
    }

    static double ndcgAt(int k, List<String> ranked, Set<String> answers) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (answers.contains(ranked.get(i))) {
                dcg += gain(i + 1);
            }
        }
        double ideal = 0;
        for (int rank = 1; rank <= Math.min(k, answers.size()); rank++) {
            ideal += gain(rank);
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }

    private static double gain(int rank) {
        return 1 / (Math.log(rank + 1) / Math.log(2));
    }
}
