package dev.aic.queryside.analytics;

import dev.aic.queryside.analytics.AnalyticsViews.Funnel;
import dev.aic.queryside.analytics.AnalyticsViews.Ranking;
import dev.aic.queryside.analytics.AnalyticsViews.TimeSeries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.aggregations.Aggregate;
import org.opensearch.client.opensearch._types.aggregations.Aggregation;
import org.opensearch.client.opensearch._types.aggregations.FieldDateMath;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.springframework.stereotype.Component;

/** Time series, rankings and funnels as OpenSearch aggregations over an analytics index's alias. */
@Component
class AnalyticsQueries {

    private static final String AGGREGATION = "figures";
    // the most frequent first, ties by value
    private static final List<Map<String, SortOrder>> MOST_FIRST =
            List.of(Map.of("_count", SortOrder.Desc), Map.of("_key", SortOrder.Asc));

    private final OpenSearchClient client;

    AnalyticsQueries(OpenSearchClient client) {
        this.client = client;
    }

    TimeSeries series(String alias, Interval interval, TimeRange range, FactFilters filters) {
        // every bucket of the range, empty ones included; the last ends at the range's end
        var first = epochMillis(range.from());
        var last = epochMillis(range.to().minusMillis(1));
        Aggregation histogram =
                Aggregation.of(
                        a ->
                                a.dateHistogram(
                                        h ->
                                                h.field("@timestamp")
                                                        .calendarInterval(interval.calendar)
                                                        .timeZone("UTC")
                                                        .minDocCount(0)
                                                        .extendedBounds(
                                                                b -> b.min(first).max(last))));
        var buckets =
                aggregate(alias, range, filters, Map.of(AGGREGATION, histogram))
                        .get(AGGREGATION)
                        .dateHistogram()
                        .buckets()
                        .array()
                        .stream()
                        .map(
                                bucket ->
                                        new TimeSeries.Bucket(
                                                Instant.ofEpochMilli(bucket.key()),
                                                bucket.docCount()))
                        .toList();
        long total = buckets.stream().mapToLong(TimeSeries.Bucket::count).sum();
        return new TimeSeries(interval.label(), range.from(), range.to(), total, buckets);
    }

    Ranking top(String alias, String field, int size, TimeRange range, FactFilters filters) {
        Aggregation terms =
                Aggregation.of(a -> a.terms(t -> t.field(field).size(size).order(MOST_FIRST)));
        return new Ranking(
                aggregate(alias, range, filters, Map.of(AGGREGATION, terms))
                        .get(AGGREGATION)
                        .sterms()
                        .buckets()
                        .array()
                        .stream()
                        .map(bucket -> new Ranking.Entry(bucket.key(), bucket.docCount()))
                        .toList());
    }

    Funnel funnel(String alias, TimeRange range, FactFilters filters) {
        Map<String, Aggregation> sums =
                Map.of(
                        "rsvps", Aggregation.of(a -> a.sum(s -> s.field("rsvps"))),
                        "seatsTaken", Aggregation.of(a -> a.sum(s -> s.field("seatsTaken"))),
                        "checkedIn", Aggregation.of(a -> a.sum(s -> s.field("checkedIn"))),
                        "communityEvents",
                                Aggregation.of(
                                        a -> a.valueCount(c -> c.field("communityEventId"))));
        Map<String, Aggregate> figures = aggregate(alias, range, filters, sums);
        long seatsTaken = whole(figures.get("seatsTaken").sum().value());
        long checkedIn = whole(figures.get("checkedIn").sum().value());
        return new Funnel(
                whole(figures.get("communityEvents").valueCount().value()),
                whole(figures.get("rsvps").sum().value()),
                seatsTaken,
                checkedIn,
                seatsTaken == 0 ? null : (double) checkedIn / seatsTaken);
    }

    /** OpenSearch answers sums and counts as doubles, and none (null) over no document. */
    private static long whole(Double value) {
        return value == null ? 0 : Math.round(value);
    }

    private Map<String, Aggregate> aggregate(
            String alias,
            TimeRange range,
            FactFilters filters,
            Map<String, Aggregation> aggregations) {
        List<Query> all = filters.within(range);
        try {
            return client.search(
                            s ->
                                    s.index(alias)
                                            .size(0)
                                            .trackTotalHits(t -> t.enabled(false))
                                            .query(q -> q.bool(b -> b.filter(all)))
                                            .aggregations(aggregations),
                            Void.class)
                    .aggregations();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FieldDateMath epochMillis(Instant instant) {
        return FieldDateMath.of(f -> f.value((double) instant.toEpochMilli()));
    }
}
