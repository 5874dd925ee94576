package dev.aic.queryside.communityevent;

import static dev.aic.queryside.communityevent.CommunityEventHistory.PROJECTION_DEADLINE;
import static dev.aic.queryside.communityevent.CommunityEventHistory.details;
import static dev.aic.queryside.communityevent.CommunityEventHistory.schedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aic.contracts.communityevent.CommunityEventEvent.AttendeeCheckedIn;
import dev.aic.contracts.communityevent.CommunityEventEvent.Cancelled;
import dev.aic.contracts.communityevent.CommunityEventEvent.CapacityChanged;
import dev.aic.contracts.communityevent.CommunityEventEvent.CoOrganizerAdded;
import dev.aic.contracts.communityevent.CommunityEventEvent.DetailsChanged;
import dev.aic.contracts.communityevent.CommunityEventEvent.PromotedFromWaitingList;
import dev.aic.contracts.communityevent.CommunityEventEvent.ReminderDue;
import dev.aic.contracts.communityevent.CommunityEventEvent.Rescheduled;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpCancelled;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpConfirmed;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpWaitlisted;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.communityevent.RsvpState;
import dev.aic.contracts.communityevent.Schedule;
import dev.aic.queryside.Api;
import dev.aic.queryside.ProjectionNames;
import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.queryside.communityevent.CommunityEventHistory.Member;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

@QuerySideIntegrationTest
class CommunityEventProjectionIT {

    @Autowired TestRestTemplate http;
    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;
    @Autowired EventProcessingConfiguration processing;
    @Autowired CommunityEventProjection projection;

    CommunityEventHistory history;
    Api api;

    @BeforeEach
    void connect() {
        history = new CommunityEventHistory(eventStore, jdbc, processing);
        api = new Api(http);
    }

    @Test
    void aWholeLifecycleKeepsSeatsAndTheWaitingListInTheAggregatesOrder() {
        Member olivia = history.member("Olivia Organiser");
        Member coOrganizer = history.member("Cory Co");
        Member ann = history.member("Ann");
        Member ben = history.member("Ben");
        Member cid = history.member("Cid");
        Member dee = history.member("Dee");
        Member eve = history.member("Eve");
        Instant start = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        CommunityEventId id =
                history.create(
                        olivia,
                        details("Graph night", "Hall 1", null, List.of("graphs")),
                        schedule(start, "Europe/Berlin"),
                        1,
                        true);
        history.publish(new CoOrganizerAdded(id, coOrganizer.id()));
        history.publish(
                new DetailsChanged(
                        id,
                        details(
                                "Graph night II",
                                "Hall 2",
                                "https://meet.example.org/g",
                                List.of("graphs", "ml"))));
        history.publish(
                new Rescheduled(id, schedule(start.plus(Duration.ofDays(1)), "Europe/Berlin")));
        history.publish(new RsvpConfirmed(id, ann.id()));
        history.publish(new RsvpWaitlisted(id, ben.id()));
        history.publish(new RsvpWaitlisted(id, cid.id()));
        history.publish(new RsvpWaitlisted(id, dee.id()));
        // Cid leaves the waiting list, Ann gives up her seat: Ben, the first waiting, gets it
        history.publish(new RsvpCancelled(id, cid.id(), RsvpState.WAITLISTED));
        history.publish(new RsvpCancelled(id, ann.id(), RsvpState.CONFIRMED));
        history.publish(new PromotedFromWaitingList(id, ben.id()));
        history.publish(new RsvpWaitlisted(id, eve.id()));
        history.publish(new AttendeeCheckedIn(id, ben.id()));
        history.publish(new ReminderDue(id, ben.id(), start.plus(Duration.ofDays(1))));
        history.awaitProjected();

        ResponseEntity<Map> event = api.get(coOrganizer.username(), "/api/events/" + id);
        assertThat(event.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(event.getHeaders().getETag()).isEqualTo("\"14\"");
        assertThat(event.getBody())
                .containsEntry("title", "Graph night II")
                .containsEntry("venue", "Hall 2")
                .containsEntry("onlineLink", "https://meet.example.org/g")
                .containsEntry("status", "PUBLISHED")
                .containsEntry("capacity", 1)
                .containsEntry("confirmed", 1)
                .containsEntry("waiting", 2)
                .containsEntry("checkedIn", 1)
                .containsEntry("seatsLeft", 0)
                .containsEntry("version", 14)
                .containsEntry("startsAt", start.plus(Duration.ofDays(1)).toString())
                .containsEntry("timeZone", "Europe/Berlin");
        assertThat((List<String>) event.getBody().get("tags")).containsExactly("graphs", "ml");
        assertThat((List<String>) event.getBody().get("organizers"))
                .containsExactly(olivia.uuid().toString(), coOrganizer.uuid().toString());

        Map<String, Object> attendees =
                api.get(olivia.username(), "/api/events/" + id + "/attendees").getBody();
        assertThat(attendees.get("confirmed"))
                .isEqualTo(
                        List.of(
                                Map.of(
                                        "userId",
                                        ben.uuid().toString(),
                                        "displayName",
                                        "Ben",
                                        "checkedIn",
                                        true)));
        assertThat(userIds(attendees.get("waiting")))
                .containsExactly(dee.uuid().toString(), eve.uuid().toString());

        Map<String, Object> stats =
                api.get(olivia.username(), "/api/events/" + id + "/stats").getBody();
        assertThat(stats)
                .containsEntry("rsvps", 5)
                .containsEntry("everWaitlisted", 4)
                .containsEntry("confirmed", 1)
                .containsEntry("waiting", 2)
                .containsEntry("cancelled", 2)
                .containsEntry("checkedIn", 1)
                .containsEntry("attendanceRate", 1.0);

        // a second seat: Dee, first in line now, is promoted; Eve still waits, first
        history.publish(new CapacityChanged(id, 2));
        history.publish(new PromotedFromWaitingList(id, dee.id()));
        history.awaitProjected();
        Map<String, Object> mine = api.get(eve.username(), "/api/me/events").getBody();
        assertThat((List<Map<String, Object>>) mine.get("items"))
                .singleElement()
                .satisfies(
                        item -> {
                            assertThat(item)
                                    .containsEntry("state", "WAITING")
                                    .containsEntry("waitingPosition", 1);
                            assertThat((Map<String, Object>) item.get("event"))
                                    .containsEntry("id", id.toString());
                        });
        Map<String, Object> dees =
                ((List<Map<String, Object>>)
                                api.get(dee.username(), "/api/me/events").getBody().get("items"))
                        .get(0);
        assertThat(dees).containsEntry("state", "CONFIRMED").doesNotContainKey("waitingPosition");
        stats = api.get("audrey", "/api/events/" + id + "/stats").getBody();
        assertThat(stats)
                .containsEntry("confirmed", 2)
                .containsEntry("checkedIn", 1)
                .containsEntry("attendanceRate", 0.5);

        history.publish(new Cancelled(id, "venue flooded"));
        history.awaitProjected();
        assertThat(api.get(ann.username(), "/api/events/" + id).getBody())
                .containsEntry("status", "CANCELLED")
                .containsEntry("version", 17);
        assertThat(api.get(ann.username(), "/api/events").getBody().get("items").toString())
                .doesNotContain(id.toString());
    }

    @Test
    void attendeesAndFiguresAreForTheOrganisersAdministratorsAndAuditorsOnly() {
        Member olivia = history.member("Olivia");
        Member bob = history.member("Bob");
        CommunityEventId id =
                history.create(
                        olivia,
                        details("Private list", "Room", null, List.of()),
                        schedule(Instant.now().plus(Duration.ofDays(3)), null),
                        5,
                        true);
        history.publish(new RsvpConfirmed(id, bob.id()));
        history.awaitProjected();

        for (String path : List.of("/attendees", "/stats")) {
            ResponseEntity<Map> forbidden = api.get(bob.username(), "/api/events/" + id + path);
            assertThat(forbidden.getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(forbidden.getHeaders().getContentType())
                    .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(forbidden.getBody()).containsEntry("type", "urn:aic:problem:forbidden");
            for (String allowed : List.of(olivia.username(), "adam", "audrey")) {
                assertThat(api.get(allowed, "/api/events/" + id + path).getStatusCode())
                        .as(allowed + path)
                        .isEqualTo(HttpStatus.OK);
            }
        }
        assertThat(api.get(bob.username(), "/api/events/" + id).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void aDraftIsFoundByItsOrganisersAndAdministratorsOnly() {
        Member olivia = history.member("Olivia");
        Member bob = history.member("Bob");
        String tag = "draft" + System.nanoTime();
        CommunityEventId draft =
                history.create(
                        olivia,
                        details("Half-baked", "Room", null, List.of(tag)),
                        schedule(Instant.now().plus(Duration.ofDays(3)), null),
                        5,
                        false);
        history.awaitProjected();

        for (String path : List.of("", "/attendees", "/stats", "/calendar.ics")) {
            ResponseEntity<String> hidden =
                    http.exchange(
                            org.springframework.http.RequestEntity.get(
                                            "/api/events/" + draft + path)
                                    .header(
                                            "Authorization",
                                            "Bearer "
                                                    + dev.aic.testsupport.DevIdentity.start()
                                                            .accessToken(bob.username()))
                                    .build(),
                            String.class);
            assertThat(hidden.getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(hidden.getBody()).as(path).contains("urn:aic:problem:not-found");
        }
        assertThat(api.get(olivia.username(), "/api/events/" + draft).getBody())
                .containsEntry("status", "DRAFT");
        assertThat(api.get("adam", "/api/events/" + draft).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(ids(api.get(bob.username(), "/api/events?tag=" + tag))).isEmpty();
        assertThat(ids(api.get(olivia.username(), "/api/events?tag=" + tag)))
                .containsExactly(draft.toString());
        assertThat(ids(api.get("adam", "/api/events?tag=" + tag)))
                .containsExactly(draft.toString());

        // a cancelled draft was never anyone else's business
        history.publish(new Cancelled(draft, null));
        history.awaitProjected();
        assertThat(api.get(bob.username(), "/api/events/" + draft).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void anEventDeliveredAgainChangesNothing() {
        Member olivia = history.member("Olivia");
        Member ann = history.member("Ann");
        Member ben = history.member("Ben");
        CommunityEventId id =
                history.create(
                        olivia,
                        details("Twice told", "Room", null, List.of("x")),
                        schedule(Instant.now().plus(Duration.ofDays(3)), null),
                        1,
                        true);
        history.publish(new RsvpConfirmed(id, ann.id()));
        history.publish(new RsvpWaitlisted(id, ben.id()));
        history.publish(new RsvpCancelled(id, ann.id(), RsvpState.CONFIRMED));
        history.publish(new PromotedFromWaitingList(id, ben.id()));
        history.awaitProjected();
        String before = snapshot(id);

        // the waitlisting (sequence number 3), Ann's seat (2) and the whole draft (0) arrive again
        projection.on(new RsvpWaitlisted(id, ben.id()), 3);
        projection.on(new RsvpConfirmed(id, ann.id()), 2);
        projection.on(new CapacityChanged(id, 9), 5);
        projection.on(
                new dev.aic.contracts.communityevent.CommunityEventEvent.Drafted(
                        id,
                        olivia.id(),
                        details("Other", null, null, List.of()),
                        schedule(Instant.now(), null),
                        3),
                0);

        assertThat(snapshot(id)).isEqualTo(before);
    }

    @Test
    void replayingEveryEventRebuildsTheSameRows() {
        Member olivia = history.member("Olivia");
        Member ann = history.member("Ann");
        Member ben = history.member("Ben");
        Member cid = history.member("Cid");
        CommunityEventId id =
                history.create(
                        olivia,
                        details("Replayed", "Room", null, List.of("replay")),
                        schedule(Instant.now().plus(Duration.ofDays(3)), "Europe/Paris"),
                        1,
                        true);
        history.publish(new RsvpConfirmed(id, ann.id()));
        history.publish(new RsvpWaitlisted(id, ben.id()));
        history.publish(new RsvpWaitlisted(id, cid.id()));
        history.publish(new AttendeeCheckedIn(id, ann.id()));
        history.publish(new RsvpCancelled(id, ann.id(), RsvpState.CONFIRMED));
        history.publish(new PromotedFromWaitingList(id, ben.id()));
        history.publish(
                new Rescheduled(
                        id,
                        new Schedule(
                                Instant.now().plus(Duration.ofDays(4)),
                                Instant.now().plus(Duration.ofDays(5)),
                                "Europe/Paris")));
        history.awaitProjected();
        List<String> eventsBefore =
                jdbc.queryForList(
                        "SELECT to_jsonb(e)::text FROM community_event e ORDER BY id",
                        String.class);
        List<String> rsvpsBefore =
                jdbc.queryForList(
                        "SELECT to_jsonb(r)::text FROM community_event_rsvp r ORDER BY event_id, user_id",
                        String.class);
        assertThat(rsvpsBefore).hasSizeGreaterThanOrEqualTo(3);

        StreamingEventProcessor processor = history.processor(ProjectionNames.COMMUNITY_EVENTS);
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        long head = history.users().head();
        await().atMost(PROJECTION_DEADLINE)
                .until(
                        () ->
                                processor.processingStatus().size() == 1
                                        && processor.processingStatus().values().stream()
                                                .allMatch(
                                                        status ->
                                                                status.isCaughtUp()
                                                                        && status.getCurrentPosition()
                                                                                        .orElse(-1)
                                                                                >= head));

        assertThat(
                        jdbc.queryForList(
                                "SELECT to_jsonb(e)::text FROM community_event e ORDER BY id",
                                String.class))
                .isEqualTo(eventsBefore);
        assertThat(
                        jdbc.queryForList(
                                "SELECT to_jsonb(r)::text FROM community_event_rsvp r ORDER BY event_id, user_id",
                                String.class))
                .isEqualTo(rsvpsBefore);
    }

    @Test
    void theQueriesAreDescribedByOpenApiWithTheirOperationIds() throws Exception {
        var api =
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(http.getForObject("/v3/api-docs", String.class));
        Map<String, String> operations =
                Map.of(
                        "/api/events", "listEvents",
                        "/api/events/{id}", "getEvent",
                        "/api/events/{id}/attendees", "getAttendees",
                        "/api/events/{id}/stats", "getEventStats",
                        "/api/events/{id}/calendar.ics", "getEventCalendar",
                        "/api/me/events", "getMyEvents",
                        "/api/me/calendar.ics", "getMyCalendar");
        operations.forEach(
                (path, operationId) -> {
                    var get = api.at("/paths/" + path.replace("/", "~1") + "/get");
                    assertThat(get.path("operationId").asText()).as(path).isEqualTo(operationId);
                    assertThat(get.path("parameters").findValuesAsText("name"))
                            .as(path)
                            .contains("Consistency-Token");
                    assertThat(get.at("/responses").fieldNames())
                            .toIterable()
                            .as(path)
                            .contains("200", "202", "401", "403");
                });
        assertThat(
                        api.at("/paths/~1api~1me~1calendar.ics/get/responses/200/content")
                                .has("text/calendar"))
                .isTrue();
        assertThat(api.at("/paths/~1api~1events~1{id}/get/responses").has("404")).isTrue();
        assertThat(api.at("/paths/~1api~1events/get/parameters").findValuesAsText("name"))
                .contains("q", "tag", "from", "to", "online", "hasSeats", "limit", "cursor");
        // the published word of an RSVP's state in /api/me/events, whatever the platform calls it
        // inside
        var mine = api.at("/components/schemas/MyCommunityEvent/properties");
        assertThat(mine.path("state").path("enum").toString())
                .isEqualTo("[\"CONFIRMED\",\"WAITING\"]");
        assertThat(mine.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("event", "state", "waitingPosition", "checkedIn");
    }

    private String snapshot(CommunityEventId id) {
        return jdbc.queryForObject(
                        "SELECT to_jsonb(e)::text FROM community_event e WHERE id = ?",
                        String.class,
                        id.value())
                + jdbc.queryForList(
                        """
                SELECT to_jsonb(r)::text FROM community_event_rsvp r WHERE event_id = ? ORDER BY user_id""",
                        String.class,
                        id.value());
    }

    @SuppressWarnings("unchecked")
    static List<String> ids(ResponseEntity<Map> page) {
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        return ((List<Map<String, Object>>) page.getBody().get("items"))
                .stream().map(item -> (String) item.get("id")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> userIds(Object attendees) {
        return ((List<Map<String, Object>>) attendees)
                .stream().map(item -> (String) item.get("userId")).toList();
    }
}
