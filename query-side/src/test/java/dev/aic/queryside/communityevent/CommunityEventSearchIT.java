package dev.aic.queryside.communityevent;

import static dev.aic.queryside.communityevent.CommunityEventHistory.PROJECTION_DEADLINE;
import static dev.aic.queryside.communityevent.CommunityEventHistory.details;
import static dev.aic.queryside.communityevent.CommunityEventHistory.schedule;
import static dev.aic.queryside.communityevent.CommunityEventProjectionIT.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aic.contracts.communityevent.CommunityEventEvent.Cancelled;
import dev.aic.contracts.communityevent.CommunityEventEvent.DetailsChanged;
import dev.aic.contracts.communityevent.CommunityEventEvent.PromotedFromWaitingList;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpCancelled;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpConfirmed;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpWaitlisted;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.communityevent.RsvpState;
import dev.aic.queryside.Api;
import dev.aic.queryside.ProjectionNames;
import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.queryside.communityevent.CommunityEventHistory.Member;
import dev.aic.queryside.search.BatchedDocuments;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code GET /api/events?q=}: full-text search through the {@code community-events} OpenSearch
 * index.
 */
@QuerySideIntegrationTest
class CommunityEventSearchIT {

    @Autowired TestRestTemplate http;
    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;
    @Autowired EventProcessingConfiguration processing;
    @Autowired CommunityEventSearchIndex index;
    @Autowired CommunityEventSearchProjection projection;

    CommunityEventHistory history;
    Api api;

    @BeforeEach
    void connect() {
        history = new CommunityEventHistory(eventStore, jdbc, processing);
        api = new Api(http);
    }

    @Test
    void titleDescriptionAndTagsAreSearchedWithEveryFilterAndVisibility() {
        Member olivia = history.member("Olivia");
        Member ann = history.member("Ann");
        Member bob = history.member("Bob");
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Instant start = Instant.now().plus(Duration.ofDays(12));
        CommunityEventId inTitle =
                history.create(
                        olivia,
                        details("Workshops on " + word, "Hall", null, List.of()),
                        schedule(start, null),
                        1,
                        true);
        CommunityEventId inDescription =
                history.create(
                        olivia,
                        details("Other title", null, "https://meet.example.org/x", List.of()),
                        schedule(start.plus(Duration.ofHours(1)), null),
                        5,
                        true);
        history.publish(
                new DetailsChanged(
                        inDescription,
                        new dev.aic.contracts.communityevent.Details(
                                "Other title",
                                "We talk about " + word + " a lot",
                                null,
                                "https://meet.example.org/x",
                                List.of(),
                                dev.aic.contracts.communityevent.Visibility.PUBLIC)));
        CommunityEventId inTags =
                history.create(
                        olivia,
                        details("Tagged", "Hall", null, List.of(word)),
                        schedule(start.plus(Duration.ofHours(2)), null),
                        5,
                        true);
        CommunityEventId draft =
                history.create(
                        olivia,
                        details("Draft " + word, "Hall", null, List.of()),
                        schedule(start, null),
                        5,
                        false);
        CommunityEventId cancelled =
                history.create(
                        olivia,
                        details("Cancelled " + word, "Hall", null, List.of()),
                        schedule(start, null),
                        5,
                        true);
        history.publish(new Cancelled(cancelled, null));
        // the first one fills up, with a waiting list that moves
        history.publish(new RsvpConfirmed(inTitle, ann.id()));
        history.publish(new RsvpWaitlisted(inTitle, bob.id()));
        history.publish(new RsvpCancelled(inTitle, ann.id(), RsvpState.CONFIRMED));
        history.publish(new PromotedFromWaitingList(inTitle, bob.id()));
        awaitIndexed();

        assertThat(walk(bob.username(), "/api/events?q=" + word + "&limit=1"))
                .containsExactlyInAnyOrder(
                        inTitle.toString(), inDescription.toString(), inTags.toString());
        // a word in the (boosted, short) title weighs more than the same word in a description
        List<String> ranked = walk(bob.username(), "/api/events?q=" + word + "&limit=5");
        assertThat(ranked.indexOf(inTitle.toString()))
                .isLessThan(ranked.indexOf(inDescription.toString()));
        assertThat(walk(olivia.username(), "/api/events?q=" + word + "&limit=2"))
                .containsExactlyInAnyOrder(
                        inTitle.toString(),
                        inDescription.toString(),
                        inTags.toString(),
                        draft.toString());
        assertThat(walk(bob.username(), "/api/events?q=workshop+" + word + "&limit=5"))
                .containsExactly(inTitle.toString());
        assertThat(walk(bob.username(), "/api/events?q=" + word + "&online=true&limit=5"))
                .containsExactly(inDescription.toString());
        assertThat(walk(bob.username(), "/api/events?q=" + word + "&hasSeats=false&limit=5"))
                .containsExactly(inTitle.toString());
        assertThat(walk(bob.username(), "/api/events?q=" + word + "&tag=" + word + "&limit=5"))
                .containsExactly(inTags.toString());
        assertThat(
                        walk(
                                bob.username(),
                                "/api/events?q="
                                        + word
                                        + "&from="
                                        + start.plus(Duration.ofMinutes(90))
                                        + "&limit=5"))
                .containsExactly(inTags.toString());

        CommunityEventDocument full = index.current(inTitle.value()).orElseThrow().document();
        assertThat(full.confirmed()).isEqualTo(1);
        assertThat(full.waiting()).isZero();
        assertThat(full.seatsLeft()).isZero();
        assertThat(index.current(inTitle.value()).orElseThrow().version()).isEqualTo(6);

        // a cursor is bound to its search: another text, or the listing without one, refuses it
        String searchCursor =
                (String)
                        api.get(bob.username(), "/api/events?q=" + word + "&limit=1")
                                .getBody()
                                .get("nextCursor");
        String listingCursor =
                (String) api.get(bob.username(), "/api/events?limit=1").getBody().get("nextCursor");
        for (String path :
                List.of(
                        "/api/events?q=other&limit=1&cursor=" + searchCursor,
                        "/api/events?limit=1&cursor=" + searchCursor,
                        "/api/events?q=" + word + "&limit=1&cursor=" + listingCursor)) {
            ResponseEntity<Map> refused = api.get(bob.username(), path);
            assertThat(refused.getStatusCode()).as(path).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getBody()).containsEntry("type", "urn:aic:problem:invalid-cursor");
        }
    }

    @Test
    void aRedeliveredRsvpIsNotCountedTwice() {
        Member olivia = history.member("Olivia");
        Member ann = history.member("Ann");
        CommunityEventId id =
                history.create(
                        olivia,
                        details("Counted once", "Hall", null, List.of()),
                        schedule(Instant.now().plus(Duration.ofDays(3)), null),
                        3,
                        true);
        history.publish(new RsvpConfirmed(id, ann.id()));
        awaitIndexed();
        BatchedDocuments.Indexed<CommunityEventDocument> before =
                index.current(id.value()).orElseThrow();

        projection.on(new RsvpConfirmed(id, ann.id()), 2);
        projection.on(new RsvpWaitlisted(id, ann.id()), 1);

        assertThat(index.current(id.value()).orElseThrow()).isEqualTo(before);
        assertThat(before.document().confirmed()).isEqualTo(1);
        assertThat(before.document().seatsLeft()).isEqualTo(2);
    }

    @Test
    void replayingEveryEventRebuildsTheSameDocuments() {
        Member olivia = history.member("Olivia");
        Member ann = history.member("Ann");
        Member ben = history.member("Ben");
        CommunityEventId id =
                history.create(
                        olivia,
                        details("Replayed in search", "Hall", null, List.of("r")),
                        schedule(Instant.now().plus(Duration.ofDays(3)), null),
                        1,
                        true);
        history.publish(new RsvpConfirmed(id, ann.id()));
        history.publish(new RsvpWaitlisted(id, ben.id()));
        history.publish(new RsvpCancelled(id, ann.id(), RsvpState.CONFIRMED));
        history.publish(new PromotedFromWaitingList(id, ben.id()));
        awaitIndexed();
        List<UUID> ids = jdbc.queryForList("SELECT id FROM community_event", UUID.class);
        Map<UUID, BatchedDocuments.Indexed<CommunityEventDocument>> before = documents(ids);

        StreamingEventProcessor processor =
                history.processor(ProjectionNames.COMMUNITY_EVENTS_SEARCH);
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

        assertThat(documents(ids)).isEqualTo(before);
        assertThat(before.get(id.value()).document().confirmed()).isEqualTo(1);
        assertThat(before.get(id.value()).version()).isEqualTo(6);
    }

    @Test
    void cancellationsStoredInRevision1AreReadThroughTheUpcaster() {
        Member olivia = history.member("Olivia");
        Member ann = history.member("Ann");
        Member ben = history.member("Ben");
        Member cid = history.member("Cid");
        CommunityEventId id =
                history.create(
                        olivia,
                        details("Stored long ago", "Hall", null, List.of("old")),
                        schedule(Instant.now().plus(Duration.ofDays(3)), null),
                        1,
                        true);
        history.publish(new RsvpConfirmed(id, ann.id()));
        history.publish(new RsvpWaitlisted(id, ben.id()));
        history.publish(new RsvpWaitlisted(id, cid.id()));
        String revision1 = "{\"eventId\":\"%s\",\"member\":\"%s\",\"hadSeat\":%s}";
        history.publishStored(
                id, RsvpCancelled.class, "1", revision1.formatted(id, cid.id(), false));
        history.publishStored(
                id, RsvpCancelled.class, "1", revision1.formatted(id, ann.id(), true));
        awaitIndexed();

        CommunityEventDocument document = index.current(id.value()).orElseThrow().document();
        assertThat(document.confirmed()).as("Ann gave up her seat").isZero();
        assertThat(document.waiting()).as("Cid left the waiting list, Ben waits").isEqualTo(1);
        assertThat(document.seatsLeft()).isEqualTo(1);
    }

    private Map<UUID, BatchedDocuments.Indexed<CommunityEventDocument>> documents(List<UUID> ids) {
        Map<UUID, BatchedDocuments.Indexed<CommunityEventDocument>> documents =
                new java.util.HashMap<>();
        ids.forEach(id -> documents.put(id, index.current(id).orElseThrow()));
        return documents;
    }

    private void awaitIndexed() {
        long head = history.users().head();
        StreamingEventProcessor processor =
                history.processor(ProjectionNames.COMMUNITY_EVENTS_SEARCH);
        history.awaitProjected();
        await().atMost(PROJECTION_DEADLINE)
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

    private List<String> walk(String user, String firstPage) {
        List<String> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ResponseEntity<Map> page =
                    api.get(user, cursor == null ? firstPage : firstPage + "&cursor=" + cursor);
            assertThat(page.getStatusCode()).as(firstPage).isEqualTo(HttpStatus.OK);
            all.addAll(ids(page));
            cursor = (String) page.getBody().get("nextCursor");
            assertThat(++pages).isLessThan(100);
        } while (cursor != null);
        assertThat(all).doesNotHaveDuplicates();
        return all;
    }
}
