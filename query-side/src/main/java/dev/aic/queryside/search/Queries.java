package dev.aic.queryside.search;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.BoolQuery;
import org.opensearch.client.opensearch._types.query_dsl.MatchPhraseQuery;
import org.opensearch.client.opensearch._types.query_dsl.MatchQuery;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch._types.query_dsl.RangeQuery;
import org.opensearch.client.opensearch._types.query_dsl.TermQuery;
import org.opensearch.client.opensearch._types.query_dsl.TermsQuery;

/**
 * The query clauses the read models' searches are made of, one line each. The client's nested
 * builder lambdas say the same thing in a dozen lines per clause.
 */
public final class Queries {

    private Queries() {}

    public static Query term(String field, String value) {
        return TermQuery.of(t -> t.field(field).value(FieldValue.of(value))).toQuery();
    }

    public static Query term(String field, boolean value) {
        return TermQuery.of(t -> t.field(field).value(FieldValue.of(value))).toQuery();
    }

    public static Query term(String field, long value) {
        return TermQuery.of(t -> t.field(field).value(FieldValue.of(value))).toQuery();
    }

    /** Any of {@code values}. */
    public static Query terms(String field, Collection<String> values) {
        List<FieldValue> any = values.stream().map(FieldValue::of).toList();
        return TermsQuery.of(t -> t.field(field).terms(v -> v.value(any))).toQuery();
    }

    public static Query match(String field, String text) {
        return MatchQuery.of(m -> m.field(field).query(FieldValue.of(text))).toQuery();
    }

    public static Query matchPhrase(String field, String text, float boost) {
        return MatchPhraseQuery.of(m -> m.field(field).query(text).boost(boost)).toQuery();
    }

    /** {@code from} (inclusive) to {@code to} (exclusive); either may be null for an open end. */
    public static Query range(String field, Instant from, Instant to) {
        return RangeQuery.of(
                        r -> {
                            r.field(field);
                            if (from != null) {
                                r.gte(JsonData.of(from.toString()));
                            }
                            if (to != null) {
                                r.lt(JsonData.of(to.toString()));
                            }
                            return r;
                        })
                .toQuery();
    }

    public static Query greaterThan(String field, long value) {
        return RangeQuery.of(r -> r.field(field).gt(JsonData.of(value))).toQuery();
    }

    public static Query lessThan(String field, long value) {
        return RangeQuery.of(r -> r.field(field).lt(JsonData.of(value))).toQuery();
    }

    /** Every one of {@code filters}, unscored. */
    public static Query allOf(Query first, Query... rest) {
        return BoolQuery.of(b -> b.filter(first, rest)).toQuery();
    }

    /** Every one of {@code filters}, unscored. */
    public static Query allOf(List<Query> filters) {
        return BoolQuery.of(b -> b.filter(filters)).toQuery();
    }

    /** At least one of {@code alternatives}. */
    public static Query anyOf(List<Query> alternatives) {
        return BoolQuery.of(b -> b.should(alternatives).minimumShouldMatch("1")).toQuery();
    }
}
