package dev.aic.queryside.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aic.contracts.communityevent.CommunityEventEvent;
import dev.aic.contracts.communityevent.CommunityEventEvent.AttendeeCheckedIn;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpConfirmed;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpWaitlisted;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.communityevent.Details;
import dev.aic.contracts.communityevent.Schedule;
import dev.aic.contracts.communityevent.Visibility;
import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import dev.aic.personaldata.SubjectKeys;
import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.queryside.UserEvents;
import dev.aic.testsupport.DevIdentity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The analytics API as an analyst uses it, over the analytics indices filled by their projections
 * (and the search facts by real searches): the figures they would check by hand, who may read them,
 * and what is refused. Indices outlive a suite's database, so each test narrows its figures to data
 * of its own (an interest, a tag, a range starting with the test).
 */
@QuerySideIntegrationTest
class AnalyticsApiIT {

    private static final Duration VISIBLE = Duration.ofSeconds(30);

    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;
    @Autowired EventProcessingConfiguration processing;
    @Autowired SubjectKeys keys;
    @Autowired TestRestTemplate http;

    UserEvents users;
    AnalyticsHistory history;
    Instant testStarted;

    @BeforeEach
    void connect() {
        history = new AnalyticsHistory(eventStore, jdbc, processing, keys);
        users = history.users();
        testStarted = Instant.now();
    }

    @Test
    void threeMembersRegisteredInTwoMonthsGiveBucketsOfTwoNoneAndOne() {
        String interest = "interest-" + UUID.randomUUID();
        for (Instant registered :
                List.of(
                        Instant.parse("2025-03-02T08:00:00Z"),
                        Instant.parse("2025-03-30T23:59:00Z"),
                        Instant.parse("2025-05-15T12:00:00Z"))) {
            UserId member = users.register("Cohort member", registered);
            users.publish(
                    new UserEvent.ProfileUpdated(
                            member, "Cohort member", null, List.of(interest), null));
        }
        String path =
                "/api/analytics/series/members-registered?interval=month&from=2025-03-01T00:00:00Z"
                        + "&to=2025-06-01T00:00:00Z&interest="
                        + interest;

        Map<String, Object> series =
                awaitBody("anna", path, body -> ((Number) body.get("total")).intValue() == 3);

        assertThat(series.get("interval")).isEqualTo("month");
        assertThat((List<Object>) series.get("buckets"))
                .containsExactly(
                        Map.of("start", "2025-03-01T00:00:00Z", "count", 2),
                        Map.of("start", "2025-04-01T00:00:00Z", "count", 0),
                        Map.of("start", "2025-05-01T00:00:00Z", "count", 1));
    }

    @Test
    void theFunnelOfAnEventWithFourRsvpsTwoSeatsAndOneCheckInReadsFourTwoOneAndHalf() {
        String tag = "tag-" + UUID.randomUUID();
        UserId organiser = users.register("Olga Organiser");
        List<UserId> guests =
                IntStream.range(0, 4).mapToObj(i -> users.register("Guest " + i)).toList();
        CommunityEventId meetup = draft(organiser, List.of(tag, "graphs"), 2);
        history.append(new CommunityEventEvent.Published(meetup));
        history.append(new RsvpConfirmed(meetup, guests.get(0)));
        history.append(new RsvpConfirmed(meetup, guests.get(1)));
        history.append(new RsvpWaitlisted(meetup, guests.get(2)));
        history.append(new RsvpWaitlisted(meetup, guests.get(3)));
        history.append(new AttendeeCheckedIn(meetup, guests.get(1)));
        draft(organiser, List.of(tag), 10);

        Map<String, Object> funnel =
                awaitBody(
                        "anna",
                        "/api/analytics/funnels/attendance?communityEventId=" + meetup.value(),
                        body -> ((Number) body.get("checkedIn")).intValue() == 1);

        assertThat(funnel)
                .containsEntry("communityEvents", 1)
                .containsEntry("rsvps", 4)
                .containsEntry("seatsTaken", 2)
                .containsEntry("attendanceRate", 0.5);
        Map<String, Object> byTag =
                body(get("audrey", "/api/analytics/funnels/attendance?tag=" + tag));
        assertThat(byTag)
                .containsEntry("communityEvents", 2)
                .containsEntry("rsvps", 4)
                .containsEntry("seatsTaken", 2)
                .containsEntry("checkedIn", 1);
        assertThat(
                        entries(
                                body(
                                        get(
                                                "adam",
                                                "/api/analytics/top/community-event-tags?from="
                                                        + testStarted))))
                .containsExactly(
                        Map.of("value", tag, "count", 2), Map.of("value", "graphs", "count", 1));
        Map<String, Object> perWeek =
                body(
                        get(
                                "anna",
                                "/api/analytics/series/community-events-created?interval=week&tag="
                                        + tag));
        assertThat(perWeek).containsEntry("total", 2);
        List<Object> buckets = (List<Object>) perWeek.get("buckets");
        assertThat(buckets).last().isEqualTo(Map.of("start", mondayOf(testStarted), "count", 2));
    }

    @Test
    void aSearchThatFoundNothingTopsTheZeroResultQueries() {
        String searcher = UserEvents.newUsername();
        users.registerAs(searcher, "Sam Searcher");
        String nothing = "zqxv " + UUID.randomUUID().toString().replace("-", "");
        for (int i = 0; i < 2; i++) {
            ResponseEntity<Map> searched = get(searcher, "/api/search?mode=fulltext&q=" + nothing);
            assertThat(searched.getStatusCode()).isEqualTo(HttpStatus.OK);
        }
        String since = "from=" + testStarted;

        Map<String, Object> zeroResults =
                awaitBody(
                        "anna",
                        "/api/analytics/top/zero-result-queries?" + since,
                        body -> !entries(body).isEmpty());

        assertThat(entries(zeroResults)).containsExactly(Map.of("value", nothing, "count", 2));
        assertThat(entries(body(get("anna", "/api/analytics/top/search-queries?size=5&" + since))))
                .containsExactly(Map.of("value", nothing, "count", 2));
        assertThat(
                        body(
                                get(
                                        "anna",
                                        "/api/analytics/series/searches?interval=day&zeroResults=true&"
                                                + since)))
                .containsEntry("total", 2);
        assertThat(
                        entries(
                                body(
                                        get(
                                                "anna",
                                                "/api/analytics/top/zero-result-queries?type=ask&"
                                                        + since))))
                .isEmpty();
    }

    @Test
    void onlyAnalystsAuditorsAndAdministratorsReadTheFigures() {
        String path = "/api/analytics/top/search-queries";

        assertThat(List.of("anna", "audrey", "adam"))
                .allSatisfy(
                        caller ->
                                assertThat(get(caller, path).getStatusCode())
                                        .as(caller)
                                        .isEqualTo(HttpStatus.OK));
        ResponseEntity<Map> asMember = get("alice", path);
        assertThat(asMember.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(asMember.getHeaders().getContentType()).hasToString("application/problem+json");
    }

    @Test
    void badParametersAreProblemsNamingTheParameter() {
        assertInvalid("/api/analytics/series/members-registered?interval=fortnight", "interval");
        assertInvalid(
                "/api/analytics/series/searches?interval=day&from=2026-03-01T00:00:00Z&to=2026-02-01T00:00:00Z",
                "from");
        assertInvalid(
                "/api/analytics/series/searches?interval=day&from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
                "to");
        assertInvalid("/api/analytics/top/zero-result-queries?size=101", "size");
        assertInvalid("/api/analytics/top/search-queries?mode=psychic", "mode");
        assertInvalid("/api/analytics/series/members-registered?role=WIZARD", "role");
        assertInvalid(
                "/api/analytics/funnels/attendance?from=2026-03-01T00:00:00Z&to=2026-03-01T00:00:00Z",
                "from");
    }

    private void assertInvalid(String path, String parameter) {
        ResponseEntity<Map> answer = get("anna", path);

        assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getHeaders().getContentType())
                .as(path)
                .hasToString("application/problem+json");
        assertThat(body(answer)).as(path).containsEntry("type", "urn:aic:problem:validation");
        assertThat((List<Object>) body(answer).get("errors"))
                .as(path)
                .anySatisfy(
                        error -> assertThat(((Map<?, ?>) error).get("field")).isEqualTo(parameter));
    }

    private CommunityEventId draft(UserId organiser, List<String> tags, int capacity) {
        CommunityEventId id = new CommunityEventId(UUID.randomUUID());
        Instant startsAt = Instant.now().plus(Duration.ofDays(7));
        history.append(
                new CommunityEventEvent.Drafted(
                        id,
                        organiser,
                        new Details(
                                "Graphs", "About graphs", "Hall", null, tags, Visibility.PUBLIC),
                        new Schedule(startsAt, startsAt.plus(Duration.ofHours(2)), "UTC"),
                        capacity));
        return id;
    }

    private static String mondayOf(Instant instant) {
        LocalDate day = instant.atZone(ZoneOffset.UTC).toLocalDate();
        return day.minusDays(day.getDayOfWeek().getValue() - 1L)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant()
                .toString();
    }

    private static List<Object> entries(Map<String, Object> ranking) {
        return (List<Object>) ranking.get("entries");
    }

    private Map<String, Object> awaitBody(
            String caller, String path, Predicate<Map<String, Object>> ready) {
        return await(path)
                .atMost(VISIBLE)
                .until(
                        () -> {
                            ResponseEntity<Map> answer = get(caller, path);
                            assertThat(answer.getStatusCode())
                                    .as(String.valueOf(answer.getBody()))
                                    .isEqualTo(HttpStatus.OK);
                            return body(answer);
                        },
                        ready);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(ResponseEntity<Map> answer) {
        return (Map<String, Object>) answer.getBody();
    }

    @SuppressWarnings("rawtypes")
    private ResponseEntity<Map> get(String caller, String path) {
        return http.exchange(
                RequestEntity.get(path)
                        .header(
                                HttpHeaders.AUTHORIZATION,
                                "Bearer " + DevIdentity.start().accessToken(caller))
                        .build(),
                Map.class);
    }
}
