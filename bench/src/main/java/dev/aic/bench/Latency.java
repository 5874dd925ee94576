package dev.aic.bench;

import org.HdrHistogram.AbstractHistogram;

/**
 * The few points of a latency distribution the report shows, in milliseconds.
 *
 * <p>Histograms record microseconds, so sub-millisecond differences (typical of single-row inserts)
 * survive; the report converts once, here.
 */
record Latency(long count, double p50Ms, double p95Ms, double p99Ms, double maxMs) {

    /** Number of significant decimal digits every histogram of this benchmark keeps. */
    static final int PRECISION = 3;

    static Latency of(AbstractHistogram micros) {
        if (micros.getTotalCount() == 0) {
            return new Latency(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Latency(
                micros.getTotalCount(),
                millis(micros.getValueAtPercentile(50)),
                millis(micros.getValueAtPercentile(95)),
                millis(micros.getValueAtPercentile(99)),
                millis(micros.getMaxValue()));
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
