package dev.aic.commandside.notification;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The outbox's backlog as gauges, for the EmailOutboxStuck alert (deploy/monitoring/alerts.yml).
 * Read by one query on a schedule rather than at every scrape, so several Prometheus servers cost
 * the database nothing more.
 */
@Component
class OutboxMetrics implements SchedulingConfigurer {

    private final Outbox outbox;
    private final Clock clock;
    private final Duration interval;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestPendingMillis = new AtomicLong();

    OutboxMetrics(
            Outbox outbox, Clock clock, MeterRegistry meters, NotificationProperties properties) {
        this.outbox = outbox;
        this.interval = properties.metricsInterval();
        this.clock = clock;
        Gauge.builder("aic.notifications.outbox.pending", pending, AtomicLong::get)
                .description("E-mails written and not yet sent, suppressed or given up")
                .register(meters);
        TimeGauge.builder(
                        "aic.notifications.outbox.oldest.pending",
                        oldestPendingMillis,
                        TimeUnit.MILLISECONDS,
                        AtomicLong::get)
                .description("How long the oldest e-mail still to be sent has waited")
                .register(meters);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::refresh, interval);
    }

    void refresh() {
        Outbox.Backlog backlog = outbox.backlog();
        pending.set(backlog.pending());
        oldestPendingMillis.set(
                backlog.oldestSince() == null
                        ? 0
                        : Math.max(
                                0,
                                Duration.between(backlog.oldestSince(), clock.instant())
                                        .toMillis()));
    }
}
