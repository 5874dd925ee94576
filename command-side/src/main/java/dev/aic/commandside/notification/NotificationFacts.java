package dev.aic.commandside.notification;

import dev.aic.commandside.ProcessorNames;
import dev.aic.contracts.communityevent.CommunityEventEvent;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.communityevent.Details;
import dev.aic.contracts.communityevent.Schedule;
import dev.aic.contracts.user.EmailTopic;
import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the notifications need to know: whom to write to (and what they unsubscribed from), what
 * each community event is called and when it starts, and who holds a seat or waits. It shares the
 * processor of {@link NotificationPlanner}, so a notice is written from the facts as they were at
 * its cause, and every statement is idempotent, so a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(ProcessorNames.NOTIFICATIONS)
class NotificationFacts {

    private final JdbcTemplate jdbc;

    NotificationFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(UserEvent.Registered event) {
        if (event.email() == null) {
            // replayed after the member was erased: there is no one to write to
            return;
        }
        jdbc.update(
                """
                INSERT INTO notification.recipient (user_id, email, display_name) VALUES (?, ?, ?)
                ON CONFLICT (user_id) DO NOTHING""",
                event.userId().value(),
                event.email(),
                event.displayName());
    }

    @EventHandler
    void on(UserEvent.ProfileUpdated event) {
        jdbc.update(
                "UPDATE notification.recipient SET display_name = ? WHERE user_id = ?",
                event.displayName(),
                event.userId().value());
    }

    /** Nothing is sent to an erased member again, and nothing written to them is kept. */
    @EventHandler
    void on(UserEvent.Erased event) {
        jdbc.update("DELETE FROM notification.outbox WHERE user_id = ?", event.userId().value());
        jdbc.update(
                "DELETE FROM notification.unsubscribe_link WHERE user_id = ?",
                event.userId().value());
        jdbc.update("DELETE FROM notification.recipient WHERE user_id = ?", event.userId().value());
    }

    @EventHandler
    void on(UserEvent.Deactivated event) {
        jdbc.update(
                "UPDATE notification.recipient SET active = false WHERE user_id = ?",
                event.userId().value());
    }

    @EventHandler
    void on(UserEvent.Reactivated event) {
        jdbc.update(
                "UPDATE notification.recipient SET active = true WHERE user_id = ?",
                event.userId().value());
    }

    @EventHandler
    void on(UserEvent.EmailPreferencesChanged event) {
        jdbc.update(
                "UPDATE notification.recipient SET unsubscribed = ? WHERE user_id = ?",
                event.unsubscribed().stream().map(EmailTopic::name).toArray(String[]::new),
                event.userId().value());
    }

    @EventHandler
    void on(CommunityEventEvent.Drafted event) {
        Details details = event.details();
        Schedule schedule = event.schedule();
        jdbc.update(
                """
                INSERT INTO notification.community_event (event_id, title, starts_at, ends_at, time_zone, venue, online_link)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""",
                event.eventId().value(),
                details.title(),
                Timestamp.from(schedule.startsAt()),
                Timestamp.from(schedule.endsAt()),
                schedule.timeZone(),
                details.venue(),
                details.onlineLink());
    }

    @EventHandler
    void on(CommunityEventEvent.DetailsChanged event) {
        Details details = event.details();
        jdbc.update(
                "UPDATE notification.community_event SET title = ?, venue = ?, online_link = ? WHERE event_id = ?",
                details.title(),
                details.venue(),
                details.onlineLink(),
                event.eventId().value());
    }

    @EventHandler
    void on(CommunityEventEvent.Rescheduled event) {
        Schedule schedule = event.schedule();
        jdbc.update(
                "UPDATE notification.community_event SET starts_at = ?, ends_at = ?, time_zone = ? WHERE event_id = ?",
                Timestamp.from(schedule.startsAt()),
                Timestamp.from(schedule.endsAt()),
                schedule.timeZone(),
                event.eventId().value());
    }

    @EventHandler
    void on(CommunityEventEvent.RsvpConfirmed event) {
        attend(event.eventId(), event.member());
    }

    @EventHandler
    void on(CommunityEventEvent.RsvpWaitlisted event) {
        attend(event.eventId(), event.member());
    }

    @EventHandler
    void on(CommunityEventEvent.RsvpCancelled event) {
        jdbc.update(
                "DELETE FROM notification.attendance WHERE event_id = ? AND member = ?",
                event.eventId().value(),
                event.member().value());
    }

    @ResetHandler
    void reset() {
        // the outbox and the unsubscribe links stay: they are what keeps a replay from e-mailing
        // anyone twice
        jdbc.update(
                "TRUNCATE notification.recipient, notification.community_event, notification.attendance");
    }

    private void attend(CommunityEventId event, UserId member) {
        jdbc.update(
                "INSERT INTO notification.attendance (event_id, member) VALUES (?, ?) ON CONFLICT DO NOTHING",
                event.value(),
                member.value());
    }
}
