package dev.aic.queryside.communityevent;

import static dev.aic.queryside.communityevent.CommunityEventHistory.details;
import static dev.aic.queryside.communityevent.CommunityEventHistory.schedule;
import static dev.aic.queryside.communityevent.CommunityEventProjectionIT.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpConfirmed;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.queryside.Api;
import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.queryside.communityevent.CommunityEventHistory.Member;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code GET /api/events}: upcoming events by start then id, every filter applied to every page,
 * and every page walked once. Each run tags its events with a word of its own, so earlier runs do
 * not count.
 */
@QuerySideIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommunityEventListingIT {

    @Autowired TestRestTemplate http;
    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;
    @Autowired EventProcessingConfiguration processing;

    Api api;
    String tag;
    Instant base;

    /** The run's events by start, then id, with what the filters look at. */
    final List<Listed> listed = new ArrayList<>();

    CommunityEventId past;

    record Listed(UUID id, Instant startsAt, boolean online, boolean venue, boolean hasSeats) {}

    @BeforeAll
    void eventsOfEveryKind() {
        api = new Api(http);
        var history = new CommunityEventHistory(eventStore, jdbc, processing);
        Member olivia = history.member("Olivia");
        Member ann = history.member("Ann");
        tag = "t" + UUID.randomUUID().toString().substring(0, 8);
        base = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 9; i++) {
            // three share one start; venues, links, both; every third one full
            Instant start = i < 3 ? base : base.plus(Duration.ofHours(i));
            boolean online = i % 2 == 0;
            boolean venue = !online || i % 4 == 0;
            CommunityEventId id =
                    history.create(
                            olivia,
                            details(
                                    "Listed " + i,
                                    venue ? "Hall " + i : null,
                                    online ? "https://meet.example.org/" + i : null,
                                    List.of(tag, "n" + i)),
                            schedule(start, "UTC"),
                            1,
                            true);
            boolean full = i % 3 == 0;
            if (full) {
                history.publish(new RsvpConfirmed(id, ann.id()));
            }
            listed.add(new Listed(id.value(), start, online, venue, !full));
        }
        // PostgreSQL orders uuids as unsigned bytes, as their text sorts; java.util.UUID compares
        // signed longs
        listed.sort(
                Comparator.comparing(Listed::startsAt)
                        .thenComparing(event -> event.id().toString()));
        past =
                history.create(
                        olivia,
                        details("Yesterday", "Hall", null, List.of(tag)),
                        schedule(Instant.now().minus(Duration.ofDays(1)), null),
                        5,
                        true);
        history.awaitProjected();
    }

    @Test
    void upcomingEventsWalkOnceByStartThenId() {
        assertThat(walk("/api/events?tag=" + tag + "&limit=2"))
                .isEqualTo(listed.stream().map(event -> event.id().toString()).toList());
    }

    @Test
    void everyFilterAppliesToEveryPage() {
        assertThat(walk("/api/events?tag=" + tag + "&online=true&limit=2"))
                .isEqualTo(expected(Listed::online));
        assertThat(walk("/api/events?tag=" + tag + "&online=false&limit=2"))
                .isEqualTo(expected(Listed::venue));
        assertThat(walk("/api/events?tag=" + tag + "&hasSeats=true&limit=2"))
                .isEqualTo(expected(Listed::hasSeats));
        assertThat(walk("/api/events?tag=" + tag + "&hasSeats=false&limit=1"))
                .isEqualTo(expected(event -> !event.hasSeats()));
        Instant to = base.plus(Duration.ofHours(5));
        assertThat(
                        walk(
                                "/api/events?tag="
                                        + tag
                                        + "&from="
                                        + base.plus(Duration.ofHours(3))
                                        + "&to="
                                        + to
                                        + "&limit=1"))
                .isEqualTo(
                        expected(
                                event ->
                                        !event.startsAt().isBefore(base.plus(Duration.ofHours(3)))
                                                && event.startsAt().isBefore(to)));
        assertThat(walk("/api/events?tag=n4&limit=5"))
                .contains(
                        listed.stream()
                                .filter(
                                        event ->
                                                event.startsAt()
                                                        .equals(base.plus(Duration.ofHours(4))))
                                .findFirst()
                                .orElseThrow()
                                .id()
                                .toString());
    }

    @Test
    void pastEventsAreListedOnlyWhenAskedFor() {
        assertThat(walk("/api/events?tag=" + tag + "&limit=100")).doesNotContain(past.toString());
        assertThat(
                        walk(
                                "/api/events?tag="
                                        + tag
                                        + "&from="
                                        + Instant.now().minus(Duration.ofDays(2))
                                        + "&limit=3"))
                .startsWith(past.toString())
                .hasSize(listed.size() + 1);
    }

    @Test
    void aCursorOfAnotherFilterOrAlteredIsRefused() {
        ResponseEntity<Map> first = api.get("alice", "/api/events?tag=" + tag + "&limit=2");
        String cursor = (String) first.getBody().get("nextCursor");
        assertThat(cursor).isNotNull();
        for (String path :
                List.of(
                        "/api/events?tag=" + tag + "&online=true&limit=2&cursor=" + cursor,
                        "/api/events?limit=2&cursor=" + cursor,
                        "/api/events?tag="
                                + tag
                                + "&limit=2&cursor="
                                + cursor.substring(0, cursor.length() - 3))) {
            ResponseEntity<Map> refused = api.get("alice", path);
            assertThat(refused.getStatusCode()).as(path).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getBody()).containsEntry("type", "urn:aic:problem:invalid-cursor");
        }
        for (String invalid :
                List.of("from=yesterday", "online=maybe", "limit=0", "limit=101", "hasSeats=2")) {
            ResponseEntity<Map> refused = api.get("alice", "/api/events?" + invalid);
            assertThat(refused.getStatusCode()).as(invalid).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getBody())
                    .as(invalid)
                    .containsEntry("type", "urn:aic:problem:validation");
        }
    }

    private List<String> expected(java.util.function.Predicate<Listed> filter) {
        return listed.stream().filter(filter).map(event -> event.id().toString()).toList();
    }

    private List<String> walk(String firstPage) {
        int limit = Integer.parseInt(firstPage.replaceAll(".*limit=(\\d+).*", "$1"));
        List<String> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ResponseEntity<Map> page =
                    api.get("alice", cursor == null ? firstPage : firstPage + "&cursor=" + cursor);
            List<String> ids = ids(page);
            cursor = (String) page.getBody().get("nextCursor");
            assertThat(ids.size()).isLessThanOrEqualTo(limit);
            if (cursor != null) {
                assertThat(ids).as("a page before the last is full").hasSize(limit);
            }
            all.addAll(ids);
            assertThat(++pages).isLessThan(100);
        } while (cursor != null);
        assertThat(all).doesNotHaveDuplicates();
        return all;
    }
}
