package dev.aic.queryside.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * Per projection: {@code aic_projection_lag_events}, {@code aic_projection_lag_seconds} and {@code
 * aic_projection_dead_letters}, tagged with the processor. Read from the token store and the
 * dead-letter table, which all instances share, so every instance reports the same values
 * (aggregate with max, not sum). One scrape computes them once: the gauges share a snapshot that
 * lives a few seconds.
 */
@Component
class ProjectionMetrics implements MeterBinder {

    private static final Duration SNAPSHOT_LIFETIME = Duration.ofSeconds(5);

    private final ProjectionCatalog catalog;
    private final ProjectionStatuses statuses;
    private final Clock clock = Clock.systemUTC();
    private List<ProjectionView> snapshot = List.of();
    private Instant takenAt = Instant.MIN;

    ProjectionMetrics(ProjectionCatalog catalog, ProjectionStatuses statuses) {
        this.catalog = catalog;
        this.statuses = statuses;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String processor : catalog.names()) {
            gauge(
                    registry,
                    "aic.projection.lag.events",
                    "Events in the store the projection has not processed yet",
                    processor,
                    view -> view.lagEvents());
            gauge(
                    registry,
                    "aic.projection.lag.seconds",
                    "Age of the oldest event the projection has not processed yet",
                    processor,
                    view -> view.lagSeconds());
            gauge(
                    registry,
                    "aic.projection.dead.letters",
                    "Events parked in the projection's dead-letter queue",
                    processor,
                    view -> view.deadLetters());
        }
    }

    private void gauge(
            MeterRegistry registry,
            String name,
            String description,
            String processor,
            ToDoubleFunction<ProjectionView> value) {
        Gauge.builder(name, this, metrics -> metrics.current(processor, value))
                .description(description)
                .tag("processor", processor)
                .register(registry);
    }

    private double current(String processor, ToDoubleFunction<ProjectionView> value) {
        return snapshot().stream()
                .filter(view -> view.processor().equals(processor))
                .findFirst()
                .map(value::applyAsDouble)
                .orElse(Double.NaN);
    }

    private synchronized List<ProjectionView> snapshot() {
        Instant now = clock.instant();
        if (takenAt.plus(SNAPSHOT_LIFETIME).isBefore(now)) {
            snapshot = statuses.all();
            takenAt = now;
        }
        return snapshot;
    }
}
