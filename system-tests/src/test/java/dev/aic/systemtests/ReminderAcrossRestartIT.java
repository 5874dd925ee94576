package dev.aic.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The reminder of an RSVP is stored with it: when the command-side is killed (kill -9) after the
 * reminder was scheduled and before it was due, the restarted command-side still fires it, and the
 * member gets exactly one reminder e-mail over SMTP.
 */
class ReminderAcrossRestartIT {

    /** The platform's default offset: reminders go out a day before the start. */
    private static final Duration OFFSET = Duration.ofHours(24);

    private static final Duration DUE_AFTER_RSVP = Duration.ofSeconds(20);

    private final Platform platform = Platform.shared();

    @Test
    void aReminderScheduledBeforeAKillIsEmailedOnceAfterTheRestart() throws Exception {
        String member = "reminded-" + UUID.randomUUID().toString().substring(0, 8);
        String olivia = platform.token("olivia");
        signIn(olivia);
        signIn(platform.token(member));
        String title = "Kill drill " + member;
        Instant startsAt =
                Instant.now().plus(OFFSET).plus(DUE_AFTER_RSVP).truncatedTo(ChronoUnit.SECONDS);
        String event = publishedEvent(olivia, title, startsAt);

        Http.Reply rsvp =
                Http.to(platform.commandSide().url("/api/events/" + event + "/rsvp"))
                        .bearer(platform.token(member))
                        .sendJson("POST", null);
        assertThat(rsvp.status()).as(rsvp.toString()).isEqualTo(200);
        Instant remindAt = startsAt.minus(OFFSET);
        assertThat(platform.storedEvents(event, "CommunityEventEvent$ReminderDue")).isZero();

        assertThat(Instant.now()).as("killed before the reminder was due").isBefore(remindAt);
        platform.killAndRestartCommandSide();

        String subject = "Reminder: " + title;
        await("the reminder e-mail")
                .atMost(Duration.ofSeconds(90))
                .until(() -> reminders(member, subject).size() == 1);
        await("no second reminder")
                .during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(6))
                .until(() -> reminders(member, subject).size() == 1);
        assertThat(platform.storedEvents(event, "CommunityEventEvent$ReminderDue")).isEqualTo(1);
        assertThat(Instant.now()).isAfterOrEqualTo(remindAt);
    }

    private List<MimeMessage> reminders(String member, String subject) {
        return platform.mailTo(member + "@example.test").stream()
                .filter(
                        message -> {
                            try {
                                return subject.equals(message.getSubject());
                            } catch (MessagingException e) {
                                throw new IllegalStateException(e);
                            }
                        })
                .toList();
    }

    private String publishedEvent(String organiser, String title, Instant startsAt) {
        Http.Reply drafted =
                Http.to(platform.commandSide().url("/api/events"))
                        .bearer(organiser)
                        .post(
                                """
                {"title":"%s","startsAt":"%s","endsAt":"%s","timeZone":"Europe/Amsterdam","venue":"Hall 9",
                 "capacity":10,"visibility":"MEMBERS"}"""
                                        .formatted(
                                                title,
                                                startsAt,
                                                startsAt.plus(Duration.ofHours(2))));
        assertThat(drafted.status()).as(drafted.toString()).isEqualTo(201);
        String id = drafted.json().get("id").asText();
        Http.Reply published =
                Http.to(platform.commandSide().url("/api/events/" + id + "/publish"))
                        .bearer(organiser)
                        .sendJson("POST", null);
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        return id;
    }

    private void signIn(String token) {
        Http.Reply registered =
                Http.to(platform.commandSide().url("/api/me")).bearer(token).post("{}");
        assertThat(registered.status()).as(registered.toString()).isIn(201, 409);
    }
}
