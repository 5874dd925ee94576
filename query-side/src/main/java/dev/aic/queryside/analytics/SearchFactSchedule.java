package dev.aic.queryside.analytics;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The background work of search analytics on every instance: writing the queued facts every {@code
 * aic.analytics.flush-interval}, and deleting those older than {@code
 * aic.analytics.search-retention} every {@code aic.analytics.retention-check-interval}. Deleting on
 * several instances at once only repeats the work.
 */
@Component
class SearchFactSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SearchFactSchedule.class);

    private final SearchFactWriter writer;
    private final SearchFactIndex index;
    private final AnalyticsProperties properties;
    private final Clock clock = Clock.systemUTC();
    private volatile ScheduledExecutorService runner;

    SearchFactSchedule(
            SearchFactWriter writer, SearchFactIndex index, AnalyticsProperties properties) {
        this.writer = writer;
        this.index = index;
        this.properties = properties;
    }

    /** Deletes the facts older than the retention allows; returns how many. */
    long applyRetention() {
        long deleted = index.deleteOlderThan(clock.instant().minus(properties.searchRetention()));
        if (deleted > 0) {
            log.info(
                    "Deleted {} search facts older than {}", deleted, properties.searchRetention());
        }
        return deleted;
    }

    @Override
    public void start() {
        runner =
                Executors.newSingleThreadScheduledExecutor(
                        task -> {
                            Thread thread = new Thread(task, "search-facts");
                            thread.setDaemon(true);
                            return thread;
                        });
        long flush = properties.flushInterval().toMillis();
        runner.scheduleWithFixedDelay(writer::drain, flush, flush, TimeUnit.MILLISECONDS);
        long retention = properties.retentionCheckInterval().toMillis();
        runner.scheduleWithFixedDelay(
                this::applyRetentionSafely, retention, retention, TimeUnit.MILLISECONDS);
    }

    private void applyRetentionSafely() {
        try {
            applyRetention();
        } catch (RuntimeException e) {
            log.warn(
                    "Deleting old search facts failed; it runs again in {}",
                    properties.retentionCheckInterval(),
                    e);
        }
    }

    /** Writes what is still queued before the instance goes. */
    @Override
    public void stop() {
        ScheduledExecutorService stopping = runner;
        runner = null;
        if (stopping != null) {
            stopping.shutdown();
            try {
                stopping.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writer.drain();
        }
    }

    @Override
    public boolean isRunning() {
        return runner != null;
    }
}
