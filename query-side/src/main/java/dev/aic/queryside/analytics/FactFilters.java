package dev.aic.queryside.analytics;

import java.util.ArrayList;
import java.util.List;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;

/** The facts an analytics figure counts: filters on an index's fields, all of which must hold. */
final class FactFilters {

    private final List<Query> queries = new ArrayList<>();

    /**
     * Only facts whose {@code field} holds {@code value}; no filter when the value is absent or
     * blank.
     */
    FactFilters term(String field, String value) {
        if (value != null && !value.isBlank()) {
            queries.add(
                    Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value.strip())))));
        }
        return this;
    }

    /** Only facts whose {@code field} holds one of {@code values}. */
    FactFilters anyOf(String field, List<String> values) {
        List<FieldValue> terms = values.stream().map(FieldValue::of).toList();
        queries.add(Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(terms)))));
        return this;
    }

    /** true: only facts with {@code field} 0; false: only those with more; null: no filter. */
    FactFilters zero(String field, Boolean zero) {
        if (Boolean.TRUE.equals(zero)) {
            queries.add(Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(0)))));
        } else if (Boolean.FALSE.equals(zero)) {
            queries.add(Query.of(q -> q.range(r -> r.field(field).gt(JsonData.of(0)))));
        }
        return this;
    }

    List<Query> within(TimeRange range) {
        List<Query> all = new ArrayList<>(queries);
        all.add(range.query());
        return all;
    }
}
