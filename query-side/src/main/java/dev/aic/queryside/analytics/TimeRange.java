package dev.aic.queryside.analytics;

import java.time.Clock;
import java.time.Instant;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.query_dsl.Query;

/** From (inclusive) to (exclusive) on the facts' {@code @timestamp}; either end may be open. */
record TimeRange(Instant from, Instant to) {

    TimeRange {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidAnalyticsRequestException("from", "must be before 'to'");
        }
    }

    /**
     * A series' range: closed, {@code to} now and {@code from} the interval's default before it
     * when not given.
     */
    static TimeRange forSeries(Instant from, Instant to, Interval interval, Clock clock) {
        Instant end = to != null ? to : clock.instant();
        Instant start = from != null ? from : end.minus(interval.defaultRange);
        TimeRange range = new TimeRange(start, end);
        if (start.plus(interval.longestRange).isBefore(end)) {
            throw new InvalidAnalyticsRequestException(
                    "to",
                    "must be at most "
                            + interval.longestRange.toDays()
                            + " days after 'from' for interval "
                            + interval.label());
        }
        return range;
    }

    Query query() {
        return Query.of(
                q ->
                        q.range(
                                r -> {
                                    r.field("@timestamp");
                                    if (from != null) {
                                        r.gte(JsonData.of(from.toString()));
                                    }
                                    if (to != null) {
                                        r.lt(JsonData.of(to.toString()));
                                    }
                                    return r;
                                }));
    }
}
