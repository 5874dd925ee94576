package dev.aic.commandside.notification;

import dev.aic.commandside.ProcessorNames;
import dev.aic.contracts.agenda.AgendaEvent.SpeakerReminderDue;
import dev.aic.contracts.communityevent.CommunityEventEvent.Cancelled;
import dev.aic.contracts.communityevent.CommunityEventEvent.PromotedFromWaitingList;
import dev.aic.contracts.communityevent.CommunityEventEvent.ReminderDue;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.user.EmailTopic;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Turns each cause (a promotion, a due reminder, a speaker's reminder, a cancellation) into e-mail
 * in the outbox. The cause's event id, with the recipient where one cause reaches many, is the
 * outbox key: whatever the processor redelivers or replays, a cause is e-mailed once. A cause older
 * than {@code aic.notifications.max-age} is not e-mailed at all, nor a reminder for an event that
 * has started.
 */
@Component
@ProcessingGroup(ProcessorNames.NOTIFICATIONS)
class NotificationPlanner {

    private static final Logger log = LoggerFactory.getLogger(NotificationPlanner.class);

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final EmailTexts texts;
    private final UnsubscribeLinks links;
    private final NotificationProperties properties;
    private final Clock clock;

    NotificationPlanner(
            JdbcTemplate jdbc,
            Outbox outbox,
            EmailTexts texts,
            UnsubscribeLinks links,
            NotificationProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.texts = texts;
        this.links = links;
        this.properties = properties;
        this.clock = clock;
    }

    @EventHandler
    void on(PromotedFromWaitingList event, @MessageIdentifier String cause, @Timestamp Instant at) {
        if (fresh(at)) {
            plan(
                    "promotion:" + cause,
                    event.eventId(),
                    event.member().value(),
                    EmailTopic.WAITING_LIST_PROMOTION,
                    texts::promotion);
        }
    }

    @EventHandler
    void on(ReminderDue event, @MessageIdentifier String cause, @Timestamp Instant at) {
        if (fresh(at) && event.startsAt().isAfter(clock.instant())) {
            plan(
                    "reminder:" + cause,
                    event.eventId(),
                    event.member().value(),
                    EmailTopic.EVENT_REMINDER,
                    texts::reminder);
        }
    }

    /** A speaker's reminder before their session; they opt out with the event reminders. */
    @EventHandler
    void on(SpeakerReminderDue event, @MessageIdentifier String cause, @Timestamp Instant at) {
        if (fresh(at) && event.startsAt().isAfter(clock.instant())) {
            plan(
                    "speaker-reminder:" + cause,
                    event.eventId(),
                    event.speaker().value(),
                    EmailTopic.EVENT_REMINDER,
                    (to, facts, unsubscribeUrl) ->
                            texts.speakerReminder(
                                    to,
                                    facts,
                                    event.title(),
                                    event.room(),
                                    event.startsAt(),
                                    unsubscribeUrl));
        }
    }

    @EventHandler
    void on(Cancelled event, @MessageIdentifier String cause, @Timestamp Instant at) {
        if (fresh(at)) {
            for (UUID member : attendees(event.eventId())) {
                plan(
                        "cancellation:" + cause + ":" + member,
                        event.eventId(),
                        member,
                        EmailTopic.EVENT_CANCELLATION,
                        (to, facts, unsubscribeUrl) ->
                                texts.cancellation(to, facts, event.reason(), unsubscribeUrl));
            }
        }
    }

    private void plan(
            String cause, CommunityEventId eventId, UUID member, EmailTopic topic, Letter letter) {
        Optional<Recipient> to = recipient(member);
        Optional<EventFacts> facts = event(eventId);
        if (to.isEmpty() || facts.isEmpty()) {
            // facts come from earlier events of the same stream, so this means a store older than
            // the notifications
            log.warn("No {} e-mail for cause {}: recipient or event unknown", topic, cause);
            return;
        }
        Recipient recipient = to.get();
        outbox.enqueue(
                cause,
                recipient,
                topic,
                letter.write(recipient, facts.get(), links.urlFor(recipient.userId(), topic)));
    }

    private boolean fresh(Instant at) {
        return at.isAfter(clock.instant().minus(properties.maxAge()));
    }

    private Optional<Recipient> recipient(UUID member) {
        return jdbc
                .query(
                        "SELECT * FROM notification.recipient WHERE user_id = ?",
                        (row, n) -> Recipient.read(row),
                        member)
                .stream()
                .findFirst();
    }

    private Optional<EventFacts> event(CommunityEventId id) {
        return jdbc
                .query(
                        """
                SELECT title, starts_at, ends_at, time_zone, venue, online_link
                FROM notification.community_event WHERE event_id = ?""",
                        (row, n) ->
                                new EventFacts(
                                        row.getString("title"),
                                        row.getTimestamp("starts_at").toInstant(),
                                        row.getTimestamp("ends_at").toInstant(),
                                        ZoneId.of(row.getString("time_zone")),
                                        row.getString("venue"),
                                        row.getString("online_link")),
                        id.value())
                .stream()
                .findFirst();
    }

    private List<UUID> attendees(CommunityEventId id) {
        return jdbc.queryForList(
                "SELECT member FROM notification.attendance WHERE event_id = ? ORDER BY member",
                UUID.class,
                id.value());
    }

    @FunctionalInterface
    private interface Letter {
        Email write(Recipient to, EventFacts event, String unsubscribeUrl);
    }
}
