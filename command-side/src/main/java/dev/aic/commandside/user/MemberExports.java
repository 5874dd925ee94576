package dev.aic.commandside.user;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.contracts.user.UserId;
import dev.aic.web.problem.Problems;
import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * "Export my data" as jobs: a member asks, a small pool of workers builds the archive while the job
 * shows its progress, and the member fetches the archive when it is ready. What one member can cost
 * is bounded: one export at a time, {@code per-member} per window, and all members together never
 * more than the workers and the queue in front of them; the event reads go through the member's
 * index, never the whole store.
 */
@Component
class MemberExports implements DisposableBean, SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(MemberExports.class);

    enum Status {
        QUEUED,
        RUNNING,
        READY,
        FAILED
    }

    /** A job as the member sees it; {@code eventsTotal} is known once it runs. */
    @Schema(name = "MemberDataExportJob")
    record Job(
            UUID id,
            Status status,
            long eventsDone,
            Long eventsTotal,
            Instant requestedAt,
            Instant finishedAt) {}

    private final JdbcTemplate jdbc;
    private final MemberDataExport export;
    private final ObjectMapper json;
    private final Clock clock;
    private final Supplier<UUID> ids;
    private final MemberExportProperties properties;
    private final TransactionTemplate ownTransaction;
    private final ThreadPoolExecutor workers;

    MemberExports(
            JdbcTemplate jdbc,
            MemberDataExport export,
            ObjectMapper json,
            Clock clock,
            Supplier<UUID> ids,
            MemberExportProperties properties,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.export = export;
        this.json = json;
        this.clock = clock;
        this.ids = ids;
        this.properties = properties;
        this.ownTransaction = new TransactionTemplate(transactions);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.workers =
                new ThreadPoolExecutor(
                        properties.workers(),
                        properties.workers(),
                        0,
                        TimeUnit.SECONDS,
                        new ArrayBlockingQueue<>(properties.queue()),
                        runnable -> {
                            Thread thread = new Thread(runnable, "member-export");
                            thread.setDaemon(true);
                            return thread;
                        },
                        new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Starts an export for {@code member}, or answers the one already under way.
     *
     * @throws ErrorResponseException 429 past the member's exports per window, 503 when the queue
     *     is full
     */
    Job request(UserId member) {
        Optional<Job> running = unfinished(member);
        if (running.isPresent()) {
            return running.get();
        }
        Instant now = clock.instant();
        Instant windowStart = now.minus(properties.window());
        Timestamp oldest =
                jdbc.queryForObject(
                        """
                SELECT CASE WHEN count(*) >= ? THEN min(requested_at) END FROM member_export
                WHERE user_id = ? AND requested_at > ?""",
                        Timestamp.class,
                        properties.perMember(),
                        member.value(),
                        Timestamp.from(windowStart));
        if (oldest != null) {
            throw refused(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "export-limit",
                    "Export limit reached",
                    "You may export your data "
                            + properties.perMember()
                            + " times per "
                            + properties.window().toHours()
                            + " hours; the archives you exported are still available",
                    Duration.between(windowStart, oldest.toInstant()));
        }
        UUID id = ids.get();
        try {
            jdbc.update(
                    "INSERT INTO member_export (id, user_id, status, requested_at) VALUES (?, ?, 'QUEUED', ?)",
                    id,
                    member.value(),
                    Timestamp.from(now));
        } catch (DuplicateKeyException concurrentRequest) {
            // another request of the same member started one a moment ago: that one is theirs, or,
            // if it is
            // already done, this request is asked again (and counts against the member's exports as
            // any other)
            return unfinished(member).orElseGet(() -> request(member));
        }
        try {
            workers.execute(() -> run(id, member));
        } catch (RejectedExecutionException e) {
            jdbc.update("DELETE FROM member_export WHERE id = ?", id);
            throw refused(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "export-queue-full",
                    "Too many exports waiting",
                    "Exports of other members are being built; ask again in a minute",
                    Duration.ofMinutes(1));
        }
        return find(member, id).orElseThrow();
    }

    Optional<Job> find(UserId member, UUID id) {
        return jdbc
                .query(
                        """
                SELECT id, status, events_done, events_total, requested_at, finished_at FROM member_export
                WHERE id = ? AND user_id = ?""",
                        (row, n) -> job(row),
                        id,
                        member.value())
                .stream()
                .findFirst();
    }

    /**
     * The archive's JSON once the job is ready; empty when there is no such job of the member's or
     * it is not.
     */
    Optional<byte[]> archive(UserId member, UUID id) {
        return jdbc
                .query(
                        "SELECT archive FROM member_export WHERE id = ? AND user_id = ? AND status = 'READY'",
                        (row, n) -> row.getBytes("archive"),
                        id,
                        member.value())
                .stream()
                .findFirst();
    }

    /**
     * Archives past the window are deleted; jobs a stopped instance left unfinished fail, freeing
     * the member.
     */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::clean, properties.cleanupInterval());
    }

    void clean() {
        Instant now = clock.instant();
        jdbc.update(
                "DELETE FROM member_export WHERE requested_at < ?",
                Timestamp.from(now.minus(properties.window())));
        jdbc.update(
                """
                UPDATE member_export SET status = 'FAILED', finished_at = ? WHERE status IN ('QUEUED', 'RUNNING')
                AND requested_at < ?""",
                Timestamp.from(now),
                Timestamp.from(now.minus(properties.staleAfter())));
    }

    private void run(UUID id, UserId member) {
        try {
            progress("UPDATE member_export SET status = 'RUNNING' WHERE id = ?", id);
            MemberDataArchive archive =
                    export.of(
                            member,
                            new MemberDataExport.Progress() {
                                @Override
                                public void total(long events) {
                                    progress(
                                            "UPDATE member_export SET events_total = ? WHERE id = ?",
                                            events,
                                            id);
                                }

                                @Override
                                public void done(long events) {
                                    progress(
                                            "UPDATE member_export SET events_done = ? WHERE id = ?",
                                            events,
                                            id);
                                }
                            });
            jdbc.update(
                    "UPDATE member_export SET status = 'READY', archive = ?, finished_at = ? WHERE id = ?",
                    json.writeValueAsBytes(archive),
                    Timestamp.from(clock.instant()),
                    id);
        } catch (RuntimeException | JsonProcessingException e) {
            log.error("Member data export {} failed", id, e);
            jdbc.update(
                    "UPDATE member_export SET status = 'FAILED', finished_at = ? WHERE id = ?",
                    Timestamp.from(clock.instant()),
                    id);
        }
    }

    // progress is written in a transaction of its own, so the member sees it while the snapshot
    // read goes on
    private void progress(String sql, Object... arguments) {
        ownTransaction.executeWithoutResult(status -> jdbc.update(sql, arguments));
    }

    private Optional<Job> unfinished(UserId member) {
        return jdbc
                .query(
                        """
                SELECT id, status, events_done, events_total, requested_at, finished_at FROM member_export
                WHERE user_id = ? AND status IN ('QUEUED', 'RUNNING')""",
                        (row, n) -> job(row),
                        member.value())
                .stream()
                .findFirst();
    }

    private static Job job(ResultSet row) throws SQLException {
        long total = row.getLong("events_total");
        Long eventsTotal = row.wasNull() ? null : total;
        Timestamp finished = row.getTimestamp("finished_at");
        return new Job(
                row.getObject("id", UUID.class),
                Status.valueOf(row.getString("status")),
                row.getLong("events_done"),
                eventsTotal,
                row.getTimestamp("requested_at").toInstant(),
                finished == null ? null : finished.toInstant());
    }

    private static ErrorResponseException refused(
            HttpStatus status, String type, String title, String detail, Duration retryAfter) {
        var refusal =
                new ErrorResponseException(status, Problems.of(status, type, title, detail), null);
        refusal.getHeaders()
                .set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        return refusal;
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
    }
}
