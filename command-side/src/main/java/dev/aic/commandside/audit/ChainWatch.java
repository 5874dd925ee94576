package dev.aic.commandside.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Verifies the whole audit chain on a schedule and shows the outcome as gauges, so that a broken
 * chain pages someone (the AuditChainBroken and AuditChainUnverified alerts,
 * deploy/monitoring/alerts.yml) instead of waiting for an auditor to ask. One replica verifies at a
 * time (a PostgreSQL advisory lock); the gauges of a replica that has not verified yet are NaN,
 * which the alerts' {@code min}/{@code max} skip.
 */
@Component
class ChainWatch implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ChainWatch.class);

    /** An advisory lock key of its own: "audit chain watch". */
    private static final long LOCK = 0x6169_6377_6174_6368L;

    private final DataSource dataSource;
    private final Clock clock;
    private final AuditProperties properties;
    private final AtomicReference<Outcome> last = new AtomicReference<>();

    private record Outcome(VerificationReport report, long verifiedAtEpochSecond) {}

    ChainWatch(
            DataSource dataSource, Clock clock, MeterRegistry meters, AuditProperties properties) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.properties = properties;
        Gauge.builder(
                        "aic.audit.chain.intact",
                        last,
                        ref -> value(ref, o -> o.report().intact() ? 1 : 0))
                .description(
                        "1 when the last verification found the audit chain intact, 0 when it found anything")
                .register(meters);
        Gauge.builder(
                        "aic.audit.chain.tampered",
                        last,
                        ref -> value(ref, o -> o.report().tampered() ? 1 : 0))
                .description(
                        "1 when something the chain vouched for changed (not only events the sealer skipped)")
                .register(meters);
        Gauge.builder(
                        "aic.audit.chain.findings",
                        last,
                        ref -> value(ref, o -> o.report().findingCount()))
                .description("What the last verification found, in all")
                .register(meters);
        Gauge.builder(
                        "aic.audit.chain.last.verified",
                        last,
                        ref -> value(ref, Outcome::verifiedAtEpochSecond))
                .baseUnit("timestamp_seconds")
                .description("When the audit chain was last verified, in seconds since the epoch")
                .register(meters);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(
                new FixedDelayTask(
                        this::verifyOnSchedule,
                        properties.verifyInterval(),
                        properties.verifyInitialDelay()));
    }

    void verifyOnSchedule() {
        try {
            verify();
        } catch (SQLException | RuntimeException e) {
            // the AuditChainUnverified alert notices when this goes on
            log.warn("Could not verify the audit chain: {}", e.toString());
        }
    }

    /** Verifies the whole chain unless another replica is doing so; false when it was. */
    boolean verify() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!lock(connection, "pg_try_advisory_lock")) {
                return false;
            }
            try {
                VerificationReport report = new ChainVerifier().verify(connection, null, null);
                last.set(new Outcome(report, clock.instant().getEpochSecond()));
                if (!report.intact()) {
                    log.error(
                            "The audit chain is not intact: {} finding(s), the first {}",
                            report.findingCount(),
                            report.firstBroken());
                }
                return true;
            } finally {
                lock(connection, "pg_advisory_unlock");
            }
        }
    }

    private static boolean lock(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT " + function + "(?)")) {
            statement.setLong(1, LOCK);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    private static double value(
            AtomicReference<Outcome> ref, java.util.function.ToDoubleFunction<Outcome> of) {
        Outcome outcome = ref.get();
        return outcome == null ? Double.NaN : of.applyAsDouble(outcome);
    }
}
