package dev.aic.queryside.analytics;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** What the analytics API answers: counts only, never a member. */
final class AnalyticsViews {

    private AnalyticsViews() {}

    /**
     * Facts per interval over [from, to): every bucket of the range, empty ones included, oldest
     * first.
     */
    record TimeSeries(String interval, Instant from, Instant to, long total, List<Bucket> buckets) {

        /** The bucket starting at {@code start} (UTC). */
        @Schema(name = "TimeSeriesBucket")
        record Bucket(Instant start, long count) {}
    }

    /** The most frequent values, most frequent first (ties in the order of the value). */
    record Ranking(List<Entry> entries) {

        @Schema(name = "RankingEntry")
        record Entry(String value, long count) {}
    }

    /**
     * RSVPs received, seats taken and attendees checked in, summed over the community events; the
     * attendance rate is checked in over seats taken, absent while no seat is taken.
     */
    record Funnel(
            long communityEvents,
            long rsvps,
            long seatsTaken,
            long checkedIn,
            Double attendanceRate) {}
}
