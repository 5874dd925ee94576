package dev.aic.queryside.search;

import java.util.List;
import java.util.UUID;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.search.Hit;

/**
 * The sort of every full-text search: best score first, then id; its values are what a cursor
 * resumes after.
 */
public final class ScoreThenId {

    private ScoreThenId() {}

    /**
     * Sorts {@code search} best first, then by id, after the hit whose sort values are {@code
     * after} (null: from the first).
     */
    public static SearchRequest.Builder sorted(SearchRequest.Builder search, List<String> after) {
        search.sort(s -> s.score(score -> score.order(SortOrder.Desc)))
                .sort(s -> s.field(field -> field.field("id").order(SortOrder.Asc)));
        if (after != null) {
            search.searchAfter(
                    FieldValue.of(Double.parseDouble(after.get(0))), FieldValue.of(after.get(1)));
        }
        return search;
    }

    /** The hit's sort values as a cursor stores them. */
    public static List<String> sortValues(Hit<?> hit) {
        List<FieldValue> sort = hit.sort();
        // a score is a float; depending on its digits the JSON parser may hand it over as another
        // kind of number
        String score =
                sort.get(0)._get() instanceof Number number
                        ? Double.toString(number.doubleValue())
                        : sort.get(0)._get().toString();
        return List.of(score, sort.get(1).stringValue());
    }

    /** Checks search-after keys from a client before they reach OpenSearch. */
    public static boolean wellFormed(List<String> keys) {
        try {
            double score = Double.parseDouble(keys.get(0));
            UUID.fromString(keys.get(1));
            return Double.isFinite(score);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
