package dev.aic.commandside.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.aic.commandside.Api;
import dev.aic.commandside.ProcessorNames;
import dev.aic.testsupport.Infrastructure;
import dev.aic.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Notification e-mail over real SMTP (GreenMail): who gets which notice, exactly once per cause
 * even when the processor delivers its events again, unsubscribe links honoured, and an SMTP outage
 * delaying notices without losing them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
@SuppressWarnings("rawtypes")
class NotificationsIT {

    private static final int SMTP_PORT = freePort();
    private static final Duration REMINDER_OFFSET = Duration.ofHours(1);
    private static GreenMail smtp = startSmtp();

    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;
    @Autowired EventProcessingConfiguration processing;
    @Autowired MeterRegistry meters;

    @DynamicPropertySource
    static void smtpAndFastTimers(DynamicPropertyRegistry properties) {
        // a database of its own: the module's other Spring contexts stay alive in the same JVM, and
        // their
        // dispatchers and processors would otherwise take this suite's outbox rows and tokens
        properties.add(
                "spring.datasource.url",
                () ->
                        Infrastructure.freshDatabase(
                                System.getProperty("aic.test.database", "aic_it")
                                        + "_notifications"));
        // and a consumer group of its own: the ai-worker's reports are about documents in the other
        // contexts' database
        properties.add(
                "aic.documents.processing-reports.group-id",
                () -> "command-side-documents-notifications");
        properties.add("spring.mail.host", () -> "127.0.0.1");
        properties.add("spring.mail.port", () -> SMTP_PORT);
        properties.add("aic.notifications.poll-interval", () -> "PT0.2S");
        properties.add("aic.notifications.first-retry", () -> "PT0.5S");
        properties.add("aic.notifications.metrics-interval", () -> "PT0.2S");
        properties.add("aic.community-events.reminder-offset", () -> REMINDER_OFFSET.toString());
        properties.add("aic.agendas.speaker-reminder-offset", () -> REMINDER_OFFSET.toString());
        properties.add("aic.deadlines.polling-interval", () -> "PT0.5S");
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @Test
    void thePromotedMemberIsEmailedOnceEvenWhenEveryEventIsDeliveredAgain() throws Exception {
        Api api = new Api(http);
        String holder = member("promo-holder");
        String waiting = member("promo-waiting");
        String event = oneSeatTakenAndOneWaiting(api, "Promotion drill", holder, waiting);

        assertThat(
                        api.call(holder, HttpMethod.DELETE, "/api/events/" + event + "/rsvp", null)
                                .getStatusCode())
                .isEqualTo(HttpStatus.OK);

        MimeMessage notice = awaitOnly(waiting, "You have a seat: Promotion drill");
        assertThat(GreenMailUtil.getBody(notice))
                .contains("Hello " + waiting)
                .contains("first on the waiting list");
        assertThat(notice.getHeader("List-Unsubscribe-Post"))
                .containsExactly("List-Unsubscribe=One-Click");
        assertThat(notice.getHeader("List-Unsubscribe")[0])
                .matches("<http://127\\.0\\.0\\.1:8081/api/email/unsubscribe/[\\w-]+>");
        assertThat(inbox(holder)).isEmpty();

        replayTheNotificationsProcessor();

        assertThat(inbox(waiting)).as("no second e-mail after the redelivery").hasSize(1);
    }

    @Test
    void everyConfirmedAttendeeIsRemindedOnceBeforeTheStart() throws Exception {
        Api api = new Api(http);
        String attendee = member("remind-attendee");
        register(api, attendee);
        Instant startsAt =
                Instant.now().plus(REMINDER_OFFSET).plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        String event = publishedEvent(api, "Reminder drill", startsAt, 10);

        rsvp(api, attendee, event);

        MimeMessage reminder = awaitOnly(attendee, "Reminder: Reminder drill");
        assertThat(GreenMailUtil.getBody(reminder))
                .contains("starts soon")
                .contains("Library, room 2");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> inbox(attendee).size() == 1);
    }

    @Test
    void aSpeakerIsRemindedOnceBeforeTheirSessionWithItsRoom() throws Exception {
        Api api = new Api(http);
        String speaker = member("remind-speaker");
        String speakerId = register(api, speaker);
        Instant startsAt =
                Instant.now().plus(REMINDER_OFFSET).plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        String event = publishedEvent(api, "Speaker drill", startsAt, 10);
        String agenda = "/api/events/" + event + "/agenda";
        assertThat(api.call("olivia", HttpMethod.POST, agenda, null).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        String room =
                created(api, agenda + "/rooms", Map.of("name", "Room Lovelace", "capacity", 20));
        String slot =
                created(
                        api,
                        agenda + "/slots",
                        Map.of(
                                "startsAt",
                                startsAt.toString(),
                                "endsAt",
                                startsAt.plus(Duration.ofMinutes(30)).toString(),
                                "roomIds",
                                List.of(room)));
        String session =
                created(
                        api,
                        agenda + "/sessions",
                        Map.of(
                                "title",
                                "Attention, revisited",
                                "speakers",
                                List.of(speakerId),
                                "durationMinutes",
                                30,
                                "expectedAudience",
                                10));

        assertThat(
                        api.call(
                                        "olivia",
                                        HttpMethod.PUT,
                                        agenda + "/sessions/" + session + "/placement",
                                        Map.of("slotId", slot, "roomId", room))
                                .getStatusCode())
                .isEqualTo(HttpStatus.OK);

        MimeMessage reminder = awaitOnly(speaker, "Your session soon: Attention, revisited");
        assertThat(GreenMailUtil.getBody(reminder))
                .contains("Speaker drill")
                .contains("Room Lovelace")
                .contains("because you speak at the event");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> inbox(speaker).size() == 1);
    }

    private static String created(Api api, String path, Map<String, Object> body) {
        ResponseEntity<Map> response = api.call("olivia", HttpMethod.POST, path, body);
        assertThat(response.getStatusCode())
                .as(path + " " + response.getBody())
                .isEqualTo(HttpStatus.CREATED);
        return (String) response.getBody().get("id");
    }

    @Test
    void aCancellationReachesAttendeesAndTheWaitingButNotWhoLeftNorWhoUnsubscribed()
            throws Exception {
        Api api = new Api(http);
        String seated = member("cancel-seated");
        String waiting = member("cancel-waiting");
        String left = member("cancel-left");
        register(api, seated);
        register(api, waiting);
        register(api, left);
        String first =
                publishedEvent(api, "Cancelled drill", Instant.now().plus(Duration.ofDays(3)), 1);
        rsvp(api, seated, first);
        rsvp(api, waiting, first);
        rsvp(api, left, first);
        api.call(left, HttpMethod.DELETE, "/api/events/" + first + "/rsvp", null);

        cancel(api, first, "the speaker is ill");

        MimeMessage notice = awaitOnly(seated, "Cancelled: Cancelled drill");
        assertThat(GreenMailUtil.getBody(notice)).contains("the speaker is ill");
        awaitOnly(waiting, "Cancelled: Cancelled drill");

        // the seated member follows the link of that e-mail: GET shows a button and changes
        // nothing, POST unsubscribes
        String link =
                notice.getHeader("List-Unsubscribe")[0].replaceAll(
                        "^<http://127\\.0\\.0\\.1:8081|>$", "");
        ResponseEntity<String> page = http.getForEntity(link, String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML))
                .isTrue();
        assertThat(page.getBody()).contains("Stop e-mail about cancelled events?");
        ResponseEntity<Map> unsubscribed = api.call(null, HttpMethod.POST, link, null);
        assertThat(unsubscribed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(unsubscribed.getBody()).containsEntry("unsubscribed", "EVENT_CANCELLATION");
        assertThat(api.call(null, HttpMethod.POST, link, null).getStatusCode())
                .as("once more")
                .isEqualTo(HttpStatus.OK);
        ResponseEntity<Map> unknown =
                api.call(null, HttpMethod.POST, "/api/email/unsubscribe/not-a-token", null);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody()).containsEntry("type", "urn:aic:problem:not-found");

        String second =
                publishedEvent(
                        api, "Second cancelled drill", Instant.now().plus(Duration.ofDays(4)), 5);
        rsvp(api, seated, second);
        rsvp(api, waiting, second);
        cancel(api, second, null);

        awaitOnly(waiting, "Cancelled: Second cancelled drill");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> inbox(seated).size() == 1 && inbox(left).isEmpty());
        assertThat(outboxStatus("Second cancelled drill", seated)).isEqualTo("SUPPRESSED");
    }

    @Test
    void membersChooseTheirTopicsThemselves() throws Exception {
        Api api = new Api(http);
        String member = member("prefs");
        String id = register(api, member);
        ResponseEntity<Map> changed =
                api.call(
                        member,
                        HttpMethod.PUT,
                        "/api/users/" + id + "/email-preferences",
                        Map.of("unsubscribed", List.of("EVENT_REMINDER")));
        assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<Map> someoneElse =
                api.call(
                        "bob",
                        HttpMethod.PUT,
                        "/api/users/" + id + "/email-preferences",
                        Map.of("unsubscribed", List.of()));
        assertThat(someoneElse.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<Map> unknownTopic =
                api.call(
                        member,
                        HttpMethod.PUT,
                        "/api/users/" + id + "/email-preferences",
                        Map.of("unsubscribed", List.of("NEWSLETTER")));
        assertThat(unknownTopic.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        Instant startsAt =
                Instant.now().plus(REMINDER_OFFSET).plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        String event = publishedEvent(api, "Quiet reminder drill", startsAt, 10);
        rsvp(api, member, event);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> "SUPPRESSED".equals(outboxStatus("Quiet reminder drill", member)));
        assertThat(inbox(member)).isEmpty();
    }

    @Test
    void anSmtpOutageDelaysANoticeWithoutLosingIt() throws Exception {
        Api api = new Api(http);
        String holder = member("outage-holder");
        String waiting = member("outage-waiting");
        String event = oneSeatTakenAndOneWaiting(api, "Outage drill", holder, waiting);

        smtp.stop();
        try {
            api.call(holder, HttpMethod.DELETE, "/api/events/" + event + "/rsvp", null);
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    jdbc.queryForObject(
                                                    """
                    SELECT count(*) FROM notification.outbox WHERE subject = 'You have a seat: Outage drill'
                      AND status = 'PENDING' AND attempts >= 1 AND last_error IS NOT NULL""",
                                                    Long.class)
                                            == 1);
            // what the EmailOutboxStuck alert watches
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> {
                                assertThat(
                                                meters.get("aic.notifications.outbox.pending")
                                                        .gauge()
                                                        .value())
                                        .isGreaterThanOrEqualTo(1);
                                assertThat(
                                                meters.get(
                                                                "aic.notifications.outbox.oldest.pending")
                                                        .timeGauge()
                                                        .value(TimeUnit.MILLISECONDS))
                                        .isPositive();
                            });
        } finally {
            smtp = startSmtp();
        }

        awaitOnly(waiting, "You have a seat: Outage drill");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                assertThat(
                                                meters.get("aic.notifications.outbox.pending")
                                                        .gauge()
                                                        .value())
                                        .isZero());
    }

    /**
     * An event next week with one seat: {@code holder} has it, {@code waiting} is first in line.
     */
    private static String oneSeatTakenAndOneWaiting(
            Api api, String title, String holder, String waiting) {
        register(api, holder);
        register(api, waiting);
        String event = publishedEvent(api, title, Instant.now().plus(Duration.ofDays(7)), 1);
        rsvp(api, holder, event);
        rsvp(api, waiting, event);
        return event;
    }

    private void replayTheNotificationsProcessor() {
        StreamingEventProcessor processor =
                processing
                        .eventProcessor(ProcessorNames.NOTIFICATIONS, StreamingEventProcessor.class)
                        .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        long head =
                jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        // the replay flag stays up until an event after the reset arrives, so the position is what
        // tells
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () ->
                                !processor.processingStatus().isEmpty()
                                        && processor.processingStatus().values().stream()
                                                .allMatch(
                                                        status ->
                                                                status.getCurrentPosition()
                                                                                .orElse(-1)
                                                                        >= head));
    }

    private String outboxStatus(String title, String member) {
        return jdbc
                .queryForList(
                        """
                SELECT o.status FROM notification.outbox o JOIN notification.recipient r ON r.user_id = o.user_id
                WHERE o.subject LIKE '%' || ? AND r.email = ?""",
                        String.class, title, email(member))
                .stream()
                .findFirst()
                .orElse(null);
    }

    /**
     * Waits for the member's one e-mail with this subject, and checks it is the only one with it.
     */
    private MimeMessage awaitOnly(String member, String subject) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> withSubject(member, subject).size() == 1);
        List<MimeMessage> messages = withSubject(member, subject);
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    private static List<MimeMessage> withSubject(String member, String subject) {
        return inbox(member).stream()
                .filter(message -> subjectOf(message).equals(subject))
                .toList();
    }

    private static List<MimeMessage> inbox(String member) {
        return Arrays.asList(smtp.getReceivedMessagesForDomain(email(member)));
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String publishedEvent(Api api, String title, Instant startsAt, int capacity) {
        // the organiser signs in once; later calls find them registered
        assertThat(api.call("olivia", HttpMethod.POST, "/api/me", Map.of()).getStatusCode())
                .isIn(HttpStatus.CREATED, HttpStatus.CONFLICT);
        Map<String, Object> body =
                new HashMap<>(
                        Map.of(
                                "title",
                                title,
                                "venue",
                                "Library, room 2",
                                "tags",
                                List.of("drill"),
                                "visibility",
                                "MEMBERS",
                                "capacity",
                                capacity,
                                "startsAt",
                                startsAt.toString(),
                                "endsAt",
                                startsAt.plus(Duration.ofHours(2)).toString(),
                                "timeZone",
                                "Europe/Amsterdam"));
        ResponseEntity<Map> drafted = api.call("olivia", HttpMethod.POST, "/api/events", body);
        assertThat(drafted.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = (String) drafted.getBody().get("id");
        assertThat(
                        api.call("olivia", HttpMethod.POST, "/api/events/" + id + "/publish", null)
                                .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        return id;
    }

    private static void rsvp(Api api, String member, String event) {
        assertThat(
                        api.call(member, HttpMethod.POST, "/api/events/" + event + "/rsvp", null)
                                .getStatusCode()
                                .is2xxSuccessful())
                .as(member + " RSVPs")
                .isTrue();
    }

    private static void cancel(Api api, String event, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("reason", reason);
        assertThat(
                        api.call(
                                        "olivia",
                                        HttpMethod.POST,
                                        "/api/events/" + event + "/cancel",
                                        body)
                                .getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    /**
     * Registers the person on first sign-in; the development identity provider names them {@code
     * <user>@example.test}.
     */
    private static String register(Api api, String user) {
        ResponseEntity<Map> response =
                api.call(user, HttpMethod.POST, "/api/me", Map.of("displayName", user));
        assertThat(response.getStatusCode()).as(user).isEqualTo(HttpStatus.CREATED);
        return (String) response.getBody().get("id");
    }

    private static String member(String role) {
        return role + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String email(String member) {
        return member + "@example.test";
    }

    private static GreenMail startSmtp() {
        GreenMail server =
                new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
