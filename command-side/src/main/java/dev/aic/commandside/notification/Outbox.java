package dev.aic.commandside.notification;

import dev.aic.contracts.user.EmailTopic;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * E-mail waiting to be sent, one row per cause and recipient. A cause written twice (a redelivered
 * event, a replay) is one row, so it is one e-mail.
 */
@Component
class Outbox {

    enum Status {
        PENDING,
        SENT,
        FAILED,
        SUPPRESSED
    }

    private final JdbcTemplate jdbc;

    Outbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void enqueue(String cause, Recipient to, EmailTopic topic, Email email) {
        jdbc.update(
                """
                INSERT INTO notification.outbox (cause, user_id, topic, subject, body, status) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (cause) DO NOTHING""",
                cause,
                to.userId(),
                topic.name(),
                email.subject(),
                email.body(),
                (to.wants(topic) ? Status.PENDING : Status.SUPPRESSED).name());
    }

    /** The next e-mail due, locked until the caller's transaction ends; other instances skip it. */
    Optional<Pending> lockNextDue(Instant now) {
        return jdbc
                .query(
                        """
                SELECT o.cause, o.topic, o.subject, o.body, o.attempts, l.token,
                       r.user_id, r.email, r.display_name, r.active, r.unsubscribed
                FROM notification.outbox o JOIN notification.recipient r ON r.user_id = o.user_id
                -- written with the e-mail, whose text names it
                JOIN notification.unsubscribe_link l ON l.user_id = o.user_id AND l.topic = o.topic
                WHERE o.status = 'PENDING' AND o.next_attempt_at <= ?
                ORDER BY o.next_attempt_at
                LIMIT 1
                FOR UPDATE OF o SKIP LOCKED""",
                        Outbox::pending,
                        Timestamp.from(now))
                .stream()
                .findFirst();
    }

    void markSent(String cause, Instant at) {
        jdbc.update(
                "UPDATE notification.outbox SET status = 'SENT', sent_at = ?, attempts = attempts + 1 WHERE cause = ?",
                Timestamp.from(at),
                cause);
    }

    /** The member unsubscribed or was deactivated after the e-mail was written. */
    void suppress(String cause) {
        jdbc.update("UPDATE notification.outbox SET status = 'SUPPRESSED' WHERE cause = ?", cause);
    }

    void retryLater(String cause, Instant next, String error) {
        jdbc.update(
                """
                UPDATE notification.outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?
                WHERE cause = ?""",
                Timestamp.from(next),
                error,
                cause);
    }

    void giveUp(String cause, String error) {
        jdbc.update(
                "UPDATE notification.outbox SET status = 'FAILED', attempts = attempts + 1, last_error = ? WHERE cause = ?",
                error,
                cause);
    }

    /**
     * How many e-mails wait to be sent, and since when the oldest of them waits (null when none
     * does).
     */
    Backlog backlog() {
        return jdbc.queryForObject(
                "SELECT count(*), min(created_at) FROM notification.outbox WHERE status = 'PENDING'",
                (row, n) ->
                        new Backlog(
                                row.getLong(1),
                                Optional.ofNullable(row.getTimestamp(2))
                                        .map(Timestamp::toInstant)
                                        .orElse(null)));
    }

    private static Pending pending(ResultSet row, int n) throws SQLException {
        return new Pending(
                row.getString("cause"),
                EmailTopic.valueOf(row.getString("topic")),
                Recipient.read(row),
                new Email(row.getString("subject"), row.getString("body")),
                row.getString("token"),
                row.getInt("attempts"));
    }

    /** An e-mail to send; {@code attempts} is how many sends failed so far. */
    record Pending(
            String cause,
            EmailTopic topic,
            Recipient to,
            Email email,
            String unsubscribeToken,
            int attempts) {}

    record Backlog(long pending, Instant oldestSince) {}
}
