package dev.aic.queryside.communityevent;

import static dev.aic.queryside.communityevent.CommunityEventHistory.details;
import static dev.aic.queryside.communityevent.CommunityEventHistory.schedule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aic.contracts.communityevent.CommunityEventEvent.Cancelled;
import dev.aic.contracts.communityevent.CommunityEventEvent.Rescheduled;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpConfirmed;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpWaitlisted;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.queryside.communityevent.CommunityEventHistory.Member;
import dev.aic.testsupport.DevIdentity;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.validate.ValidationResult;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The calendar files parse and validate as RFC 5545 with ical4j, and say what the read model says.
 */
@QuerySideIntegrationTest
class CommunityEventCalendarIT {

    @Autowired TestRestTemplate http;
    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;
    @Autowired EventProcessingConfiguration processing;

    CommunityEventHistory history;

    @BeforeEach
    void connect() {
        history = new CommunityEventHistory(eventStore, jdbc, processing);
    }

    @Test
    void anEventIsOneValidVeventInItsOwnTimeZone() throws Exception {
        Member olivia = history.member("Olivia");
        Member bob = history.member("Bob");
        Instant start = Instant.now().plus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS);
        CommunityEventId id =
                history.create(
                        olivia,
                        details(
                                "Vectors, in Berlin",
                                "Hall A, Alexanderplatz",
                                "https://meet.example.org/v",
                                List.of("ml")),
                        schedule(start, "Europe/Berlin"),
                        10,
                        true);
        history.publish(
                new Rescheduled(id, schedule(start.plus(Duration.ofHours(1)), "Europe/Berlin")));
        history.awaitProjected();

        ResponseEntity<String> response =
                ics(bob.username(), "/api/events/" + id + "/calendar.ics");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(
                        response.getHeaders()
                                .getContentType()
                                .isCompatibleWith(MediaType.parseMediaType("text/calendar")))
                .isTrue();
        Calendar calendar = parseAndValidate(response.getBody());
        List<VEvent> vevents = calendar.getComponents(VEvent.VEVENT);
        assertThat(vevents).hasSize(1);
        VEvent vevent = vevents.get(0);
        assertThat(value(vevent, Property.UID)).isEqualTo(id + "@aic");
        assertThat(value(vevent, Property.SUMMARY)).isEqualTo("Vectors, in Berlin");
        assertThat(value(vevent, Property.DESCRIPTION)).isEqualTo("About Vectors, in Berlin");
        assertThat(value(vevent, Property.LOCATION)).isEqualTo("Hall A, Alexanderplatz");
        assertThat(value(vevent, Property.URL)).isEqualTo("https://meet.example.org/v");
        assertThat(value(vevent, Property.STATUS)).isEqualTo("CONFIRMED");
        assertThat(value(vevent, Property.SEQUENCE)).isEqualTo("2");
        DtStart<Temporal> dtStart = vevent.getDateTimeStart();
        assertThat(dtStart.getParameter("TZID").orElseThrow().getValue())
                .isEqualTo("Europe/Berlin");
        assertThat(instant(dtStart.getDate())).isEqualTo(start.plus(Duration.ofHours(1)));
        assertThat(instant(vevent.getDateTimeEnd().getDate()))
                .isEqualTo(start.plus(Duration.ofHours(3)));
        List<VTimeZone> zones = calendar.getComponents(VTimeZone.VTIMEZONE);
        assertThat(zones)
                .singleElement()
                .satisfies(
                        zone -> assertThat(value(zone, Property.TZID)).isEqualTo("Europe/Berlin"));
    }

    @Test
    void myCalendarHoldsMySeatsMyWaitsAndCancellationsInUtcWithoutAZone() throws Exception {
        Member olivia = history.member("Olivia");
        Member ann = history.member("Ann");
        Member bob = history.member("Bob");
        Instant start = Instant.now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.SECONDS);
        CommunityEventId seat =
                history.create(
                        olivia,
                        details("Seat", null, "https://meet.example.org/s", List.of()),
                        schedule(start, null),
                        1,
                        true);
        CommunityEventId full =
                history.create(
                        olivia,
                        details("Full", "Room 2", null, List.of()),
                        schedule(start.plus(Duration.ofDays(1)), "America/New_York"),
                        1,
                        true);
        CommunityEventId called =
                history.create(
                        olivia,
                        details("Called off", "Room 3", null, List.of()),
                        schedule(start.plus(Duration.ofDays(2)), "Europe/Berlin"),
                        5,
                        true);
        CommunityEventId other =
                history.create(
                        olivia,
                        details("Not mine", "Room 4", null, List.of()),
                        schedule(start, null),
                        5,
                        true);
        history.publish(new RsvpConfirmed(seat, bob.id()));
        history.publish(new RsvpConfirmed(full, ann.id()));
        history.publish(new RsvpWaitlisted(full, bob.id()));
        history.publish(new RsvpConfirmed(called, bob.id()));
        history.publish(new Cancelled(called, "speaker ill"));
        history.publish(new RsvpConfirmed(other, ann.id()));
        history.awaitProjected();

        ResponseEntity<String> response = ics(bob.username(), "/api/me/calendar.ics");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        Calendar calendar = parseAndValidate(response.getBody());
        Map<String, VEvent> byUid =
                calendar.<VEvent>getComponents(VEvent.VEVENT).stream()
                        .collect(
                                Collectors.toMap(
                                        vevent -> value(vevent, Property.UID), vevent -> vevent));
        assertThat(byUid).containsOnlyKeys(seat + "@aic", full + "@aic", called + "@aic");
        VEvent mySeat = byUid.get(seat + "@aic");
        assertThat(value(mySeat, Property.STATUS)).isEqualTo("CONFIRMED");
        assertThat(value(mySeat, Property.LOCATION)).isEqualTo("https://meet.example.org/s");
        assertThat(mySeat.getDateTimeStart().getParameter("TZID")).isEmpty();
        assertThat(mySeat.getDateTimeStart().getValue()).endsWith("Z");
        assertThat(instant(mySeat.getDateTimeStart().getDate())).isEqualTo(start);
        assertThat(value(byUid.get(full + "@aic"), Property.STATUS)).isEqualTo("TENTATIVE");
        assertThat(value(byUid.get(called + "@aic"), Property.STATUS)).isEqualTo("CANCELLED");
        assertThat(
                        calendar.<VTimeZone>getComponents(VTimeZone.VTIMEZONE).stream()
                                .map(zone -> value(zone, Property.TZID)))
                .containsExactlyInAnyOrder("America/New_York", "Europe/Berlin");

        // the same three, in the JSON calendar: upcoming soonest first
        ResponseEntity<Map> mine =
                new dev.aic.queryside.Api(http).get(bob.username(), "/api/me/events");
        assertThat(
                        ((List<Map<String, Map<String, Object>>>) mine.getBody().get("items"))
                                .stream().map(item -> item.get("event").get("id")))
                .containsExactly(seat.toString(), full.toString(), called.toString());
    }

    @Test
    void aCalendarNeedsASignedInRegisteredMember() {
        assertThat(ics(null, "/api/me/calendar.ics").getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<String> unregistered = ics("alice", "/api/me/calendar.ics");
        assertThat(unregistered.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unregistered.getBody()).contains("urn:aic:problem:not-registered");
    }

    private ResponseEntity<String> ics(String user, String path) {
        RequestEntity.HeadersBuilder<?> request =
                RequestEntity.get(path).accept(MediaType.parseMediaType("text/calendar"));
        if (user != null) {
            request.header(
                    HttpHeaders.AUTHORIZATION, "Bearer " + DevIdentity.start().accessToken(user));
        }
        return http.exchange(request.build(), String.class);
    }

    private static Calendar parseAndValidate(String body) throws Exception {
        assertThat(body).startsWith("BEGIN:VCALENDAR\r\n").contains("\r\nVERSION:2.0\r\n");
        Calendar calendar = new CalendarBuilder().build(new StringReader(body));
        ValidationResult result = calendar.validate();
        assertThat(result.hasErrors()).as(result.toString()).isFalse();
        assertThat(value(calendar, Property.PRODID))
                .isEqualTo("-//AIC Platform//Community events//EN");
        return calendar;
    }

    private static String value(net.fortuna.ical4j.model.PropertyContainer container, String name) {
        return container.getProperty(name).map(Property::getValue).orElse(null);
    }

    private static Instant instant(Temporal temporal) {
        return temporal instanceof ZonedDateTime zoned ? zoned.toInstant() : Instant.from(temporal);
    }
}
