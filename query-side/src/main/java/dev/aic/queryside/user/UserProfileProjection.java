package dev.aic.queryside.user;

import dev.aic.contracts.privacy.PersonalData;
import dev.aic.contracts.user.EmailTopic;
import dev.aic.contracts.user.Role;
import dev.aic.contracts.user.UserEvent;
import dev.aic.queryside.ProjectionNames;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code user_profile} in PostgreSQL. Runs in the processor's transaction, so each row and
 * the processor's token commit together. The version column holds the sequence number of the last
 * event applied; every update is guarded by {@code version < seq}, so a redelivered or replayed
 * event that the row already reflects changes nothing.
 */
@Component
@ProcessingGroup(ProjectionNames.USERS)
class UserProfileProjection {

    private final JdbcTemplate jdbc;

    UserProfileProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(UserEvent.Registered event, @SequenceNumber long seq, @Timestamp Instant at) {
        OffsetDateTime when = utc(at);
        jdbc.update(
                """
                INSERT INTO user_profile (id, email, display_name, registered_at, updated_at, version)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING""",
                event.userId().value(),
                event.email(),
                event.displayName(),
                when,
                when,
                seq);
    }

    @EventHandler
    void on(UserEvent.IdentityLinked event, @SequenceNumber long seq, @Timestamp Instant at) {
        // an identity belongs to one user; should history ever move it, the latest link wins
        // instead of
        // the unique constraint stopping the processor for good (and a redelivered old link takes
        // nothing)
        jdbc.update(
                """
                UPDATE user_profile SET issuer = NULL, subject = NULL
                WHERE issuer = ? AND subject = ? AND id <> ?
                  AND EXISTS (SELECT 1 FROM user_profile linked WHERE linked.id = ? AND linked.version < ?)""",
                event.issuer(),
                event.subject(),
                event.userId().value(),
                event.userId().value(),
                seq);
        apply(
                seq,
                at,
                event.userId().value(),
                "issuer = ?, subject = ?",
                event.issuer(),
                event.subject());
    }

    @EventHandler
    void on(UserEvent.ProfileUpdated event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(
                seq,
                at,
                event.userId().value(),
                "display_name = ?, bio = ?, interests = ?, avatar_ref = ?",
                event.displayName(),
                event.bio(),
                event.interests().toArray(String[]::new),
                event.avatarRef());
    }

    @EventHandler
    void on(UserEvent.RolesChanged event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(
                seq,
                at,
                event.userId().value(),
                "roles = ?::varchar[]",
                (Object) event.roles().stream().map(Role::name).toArray(String[]::new));
    }

    @EventHandler
    void on(UserEvent.Deactivated event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(seq, at, event.userId().value(), "active = ?", false);
    }

    @EventHandler
    void on(UserEvent.Reactivated event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(seq, at, event.userId().value(), "active = ?", true);
    }

    @EventHandler
    void on(
            UserEvent.EmailPreferencesChanged event,
            @SequenceNumber long seq,
            @Timestamp Instant at) {
        apply(
                seq,
                at,
                event.userId().value(),
                "email_unsubscribed = ?::varchar[]",
                (Object)
                        event.unsubscribed().stream().map(EmailTopic::name).toArray(String[]::new));
    }

    /**
     * The row stays, so attendee lists and references resolve, but it names no one and holds
     * nothing about them.
     */
    @EventHandler
    void on(UserEvent.Erased event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(
                seq,
                at,
                event.userId().value(),
                """
                display_name = ?, email = NULL, bio = NULL, interests = '{}', avatar_ref = NULL, roles = '{}',
                active = FALSE, issuer = NULL, subject = NULL, email_unsubscribed = '{}', erased_at = ?""",
                PersonalData.ERASED_MEMBER,
                utc(at));
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE user_profile");
    }

    /**
     * Sets {@code assignments} unless the row already reflects event {@code seq} or a later one.
     */
    private void apply(long seq, Instant at, Object id, String assignments, Object... values) {
        Object[] arguments = new Object[values.length + 4];
        System.arraycopy(values, 0, arguments, 0, values.length);
        arguments[values.length] = seq;
        arguments[values.length + 1] = utc(at);
        arguments[values.length + 2] = id;
        arguments[values.length + 3] = seq;
        jdbc.update(
                "UPDATE user_profile SET "
                        + assignments
                        + ", version = ?, updated_at = ? WHERE id = ? AND version < ?",
                arguments);
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
