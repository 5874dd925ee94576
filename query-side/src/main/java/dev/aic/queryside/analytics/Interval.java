package dev.aic.queryside.analytics;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.opensearch.client.opensearch._types.aggregations.CalendarInterval;

/**
 * The width of a time series' buckets, in UTC calendar units (a week starts on Monday), with the
 * longest range it may cover and the range it covers when the caller names none. The longest range
 * keeps every series under a few hundred buckets.
 */
enum Interval {
    DAY(CalendarInterval.Day, Duration.ofDays(366), Duration.ofDays(30)),
    WEEK(CalendarInterval.Week, Duration.ofDays(5 * 366), Duration.ofDays(26 * 7)),
    MONTH(CalendarInterval.Month, Duration.ofDays(10 * 366), Duration.ofDays(366));

    final CalendarInterval calendar;
    final Duration longestRange;
    final Duration defaultRange;

    Interval(CalendarInterval calendar, Duration longestRange, Duration defaultRange) {
        this.calendar = calendar;
        this.longestRange = longestRange;
        this.defaultRange = defaultRange;
    }

    static Interval parse(String name) {
        return Arrays.stream(values())
                .filter(interval -> interval.label().equals(name))
                .findFirst()
                .orElseThrow(
                        () ->
                                new InvalidAnalyticsRequestException(
                                        "interval", "must be one of " + labels()));
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static String labels() {
        return Arrays.stream(values()).map(Interval::label).collect(Collectors.joining(", "));
    }
}
