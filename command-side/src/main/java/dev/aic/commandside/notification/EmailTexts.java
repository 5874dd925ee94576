package dev.aic.commandside.notification;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** The wording of each notice, in plain text, times in the event's own time zone. */
@Component
class EmailTexts {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("EEEE d MMMM uuuu, HH:mm (zzzz)", Locale.ENGLISH);

    Email promotion(Recipient to, EventFacts event, String unsubscribeUrl) {
        return new Email(
                "You have a seat: " + event.title(),
                letter(
                        to,
                        """
                A seat became free at "%s" and, first on the waiting list, you have it now.

                %s
                If you can no longer come, please cancel your RSVP so the next person gets the seat."""
                                .formatted(event.title(), where(event)),
                        "seat offers from waiting lists",
                        unsubscribeUrl));
    }

    Email reminder(Recipient to, EventFacts event, String unsubscribeUrl) {
        return new Email(
                "Reminder: " + event.title(),
                letter(
                        to,
                        """
                "%s" starts soon and you have a seat.

                %s
                If you can no longer come, please cancel your RSVP so someone on the waiting list gets the seat."""
                                .formatted(event.title(), where(event)),
                        "event reminders",
                        unsubscribeUrl));
    }

    Email cancellation(Recipient to, EventFacts event, String reason, String unsubscribeUrl) {
        String why =
                reason == null || reason.isBlank()
                        ? ""
                        : "\nThe organisers say: " + reason.strip() + "\n";
        return new Email(
                "Cancelled: " + event.title(),
                letter(
                        to,
                        """
                "%s", planned for %s, has been cancelled. Your RSVP is void; there is nothing you need to do.
                %s"""
                                .formatted(
                                        event.title(),
                                        WHEN.format(event.startsAt().atZone(event.zone())),
                                        why),
                        "cancellation notices",
                        unsubscribeUrl));
    }

    /** To a speaker, before their session of an agenda ({@code SpeakerReminderDue}). */
    Email speakerReminder(
            Recipient to,
            EventFacts event,
            String session,
            String room,
            Instant startsAt,
            String unsubscribeUrl) {
        return new Email(
                "Your session soon: " + session,
                letter(
                        to,
                        """
                You speak soon at "%s": your session "%s".

                When:  %s
                Room:  %s
                %s"""
                                .formatted(
                                        event.title(),
                                        session,
                                        WHEN.format(startsAt.atZone(event.zone())),
                                        room,
                                        event.venue() == null ? "" : "Where: " + event.venue()),
                        "event reminders",
                        unsubscribeUrl,
                        "you speak at the event"));
    }

    private static String where(EventFacts event) {
        StringBuilder text =
                new StringBuilder()
                        .append("When:  ")
                        .append(WHEN.format(event.startsAt().atZone(event.zone())))
                        .append('\n');
        if (event.venue() != null) {
            text.append("Where: ").append(event.venue()).append('\n');
        }
        if (event.onlineLink() != null) {
            text.append("Join:  ").append(event.onlineLink()).append('\n');
        }
        return text.toString();
    }

    private static String letter(Recipient to, String text, String topic, String unsubscribeUrl) {
        return letter(to, text, topic, unsubscribeUrl, "you RSVPed");
    }

    private static String letter(
            Recipient to, String text, String topic, String unsubscribeUrl, String because) {
        return "Hello "
                + to.displayName()
                + ",\n\n"
                + text.strip()
                + "\n\n-- \nAIC Platform\n"
                + "You get this e-mail because "
                + because
                + ". To stop "
                + topic
                + ", open "
                + unsubscribeUrl
                + "\n";
    }
}
