package dev.aic.commandside.eventstore;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What the event store's database reports about its WAL archive ({@code pg_stat_archiver}), the
 * continuous half of its backup: when a segment was last archived and when archiving last failed.
 * The EventStoreArchiveFailing and EventStoreBackupTooOld alerts (deploy/monitoring/alerts.yml)
 * page on them before the recovery point objective is at risk. Read on a schedule, not on each
 * scrape; NaN where archiving is off (as in {@code ./infra}'s cluster: only the disaster-recovery
 * drill's cluster archives), which the alerts ignore; a server that archives but never has reports
 * the epoch.
 */
@Component
class WalArchiveWatch {

    private static final Logger log = LoggerFactory.getLogger(WalArchiveWatch.class);

    private final JdbcTemplate jdbc;
    private final AtomicReference<Archiver> last = new AtomicReference<>();

    private record Archiver(double lastArchived, double lastFailed) {}

    WalArchiveWatch(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        Gauge.builder(
                        "aic.event.store.wal.last.archived",
                        last,
                        ref -> value(ref, Archiver::lastArchived))
                .baseUnit("timestamp_seconds")
                .description(
                        "When the event store's database last archived a WAL segment, in seconds since the epoch")
                .register(meters);
        Gauge.builder(
                        "aic.event.store.wal.last.failed",
                        last,
                        ref -> value(ref, Archiver::lastFailed))
                .baseUnit("timestamp_seconds")
                .description("When archiving a WAL segment last failed, in seconds since the epoch")
                .register(meters);
    }

    @Scheduled(initialDelayString = "PT5S", fixedDelayString = "PT30S")
    void refresh() {
        try {
            last.set(
                    jdbc.queryForObject(
                            """
                    SELECT current_setting('archive_mode') <> 'off' AS archiving,
                           extract(epoch FROM last_archived_time)::float8 AS last_archived,
                           extract(epoch FROM last_failed_time)::float8 AS last_failed
                    FROM pg_stat_archiver""",
                            (row, n) ->
                                    archiver(
                                            row.getBoolean("archiving"),
                                            row.getObject("last_archived", Double.class),
                                            row.getObject("last_failed", Double.class))));
        } catch (DataAccessException e) {
            log.warn("Could not read the WAL archiver's state: {}", e.toString());
        }
    }

    /** Never archived counts as archived at the epoch: the backup is as old as it gets. */
    private static Archiver archiver(boolean archiving, Double lastArchived, Double lastFailed) {
        if (!archiving) {
            return new Archiver(Double.NaN, Double.NaN);
        }
        return new Archiver(
                lastArchived == null ? 0 : lastArchived,
                lastFailed == null ? Double.NaN : lastFailed);
    }

    private static double value(AtomicReference<Archiver> ref, ToDoubleFunction<Archiver> of) {
        Archiver archiver = ref.get();
        return archiver == null ? Double.NaN : of.applyAsDouble(archiver);
    }
}
