package dev.aic.queryside.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aic.contracts.communityevent.CommunityEventEvent;
import dev.aic.contracts.communityevent.CommunityEventEvent.AttendeeCheckedIn;
import dev.aic.contracts.communityevent.CommunityEventEvent.PromotedFromWaitingList;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpCancelled;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpConfirmed;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpWaitlisted;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.communityevent.Details;
import dev.aic.contracts.communityevent.RsvpState;
import dev.aic.contracts.communityevent.Schedule;
import dev.aic.contracts.communityevent.Visibility;
import dev.aic.contracts.document.ChunkLocation;
import dev.aic.contracts.document.DocumentEvent;
import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.document.EmbeddedChunk;
import dev.aic.contracts.document.EmbeddingModel;
import dev.aic.contracts.document.EmbeddingVector;
import dev.aic.contracts.document.ProcessingFailureReason;
import dev.aic.contracts.user.Role;
import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import dev.aic.personaldata.SubjectKeys;
import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.queryside.UserEvents;
import dev.aic.testsupport.DevIdentity;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch.core.search.Hit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The analytics indices as an analyst reads them, filled by their projections from the event store
 * over real PostgreSQL and OpenSearch: members by cohort, community events with their seats and
 * waiting lists, RSVP and check-in facts, documents with their processing; an erased member leaves
 * nothing that links to them; a rebuild through the API gives the same documents.
 */
@QuerySideIntegrationTest
class AnalyticsProjectionIT {

    private static final Duration REBUILD_DEADLINE = Duration.ofSeconds(120);
    private static final EmbeddingModel MINILM =
            new EmbeddingModel("all-minilm-l6-v2", "a".repeat(64), 384);
    private static final List<String> ANALYTICS = AnalyticsHistory.PROJECTIONS;

    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;
    @Autowired EventProcessingConfiguration processing;
    @Autowired OpenSearchClient openSearch;
    @Autowired Pseudonyms pseudonyms;
    @Autowired SubjectKeys keys;
    @Autowired TestRestTemplate http;
    @Autowired MemberFactsIndex members;
    @Autowired CommunityEventFactsIndex communityEvents;
    @Autowired RsvpFactIndex rsvps;
    @Autowired DocumentFactsIndex documents;
    @Autowired SearchFactIndex searchFacts;

    UserEvents users;
    AnalyticsHistory history;

    @BeforeEach
    void connect() {
        history = new AnalyticsHistory(eventStore, jdbc, processing, keys);
        users = history.users();
    }

    @Test
    void aRegisteredMemberAppearsUnderAPseudonymWithTheirCohortInterestsAndRoles() {
        UserId nora = users.register("Nora Newcomer", Instant.parse("2026-03-15T10:00:00Z"));
        users.publish(
                new UserEvent.ProfileUpdated(
                        nora, "Nora Newcomer", "Likes graphs", List.of("ml", "graphs"), null));
        users.publish(new UserEvent.RolesChanged(nora, List.of(Role.MEMBER, Role.ORGANIZER)));
        UserId otto = users.register("Otto Gone", Instant.parse("2026-04-01T00:30:00Z"));
        users.publish(new UserEvent.Deactivated(otto, "left"));
        history.awaitProjected();

        Map<String, Object> noraFacts = member(nora);
        assertThat(noraFacts)
                .containsEntry("member", pseudonyms.of(nora.value()))
                .containsEntry("@timestamp", "2026-03-15T10:00:00Z")
                .containsEntry("cohort", "2026-03")
                .containsEntry("interests", List.of("ml", "graphs"))
                .containsEntry("roles", List.of("MEMBER", "ORGANIZER"))
                .containsEntry("active", true)
                .containsEntry("erased", false);
        assertThat(member(otto)).containsEntry("cohort", "2026-04").containsEntry("active", false);
        assertThat(noraFacts.toString())
                .doesNotContain("Nora", nora.value().toString(), UserEvents.emailOf(nora));
    }

    @Test
    void aCommunityEventShowsItsSeatsWaitingListPeakAndAttendanceAndEachRsvpIsAFact() {
        UserId organiser = users.register("Olga Organiser");
        List<UserId> guests =
                IntStream.range(0, 4).mapToObj(i -> users.register("Guest " + i)).toList();
        CommunityEventId meetup = new CommunityEventId(UUID.randomUUID());
        Instant startsAt = Instant.now().plus(Duration.ofDays(5));
        history.append(
                new CommunityEventEvent.Drafted(
                        meetup,
                        organiser,
                        new Details(
                                "Graphs",
                                "About graphs",
                                null,
                                "https://meet.example.org/g",
                                List.of("graphs", "ml"),
                                Visibility.PUBLIC),
                        new Schedule(startsAt, startsAt.plus(Duration.ofHours(2)), "UTC"),
                        2));
        history.append(new CommunityEventEvent.Published(meetup));
        history.append(new RsvpConfirmed(meetup, guests.get(0)));
        history.append(new RsvpConfirmed(meetup, guests.get(1)));
        history.append(new RsvpWaitlisted(meetup, guests.get(2)));
        history.append(new RsvpWaitlisted(meetup, guests.get(3)));
        history.append(new RsvpCancelled(meetup, guests.get(0), RsvpState.CONFIRMED));
        history.append(new PromotedFromWaitingList(meetup, guests.get(2)));
        Instant checkIn = Instant.parse("2026-06-01T18:05:00Z");
        history.append(new AttendeeCheckedIn(meetup, guests.get(1)), checkIn);
        history.awaitProjected();

        assertThat(one(communityEvents.alias(), "communityEventId", meetup.value().toString()))
                .containsEntry("status", "PUBLISHED")
                .containsEntry("online", true)
                .containsEntry("hasVenue", false)
                .containsEntry("tags", List.of("graphs", "ml"))
                .containsEntry("capacity", 2)
                .containsEntry("seatsTaken", 2)
                .containsEntry("waiting", 1)
                .containsEntry("waitingListPeak", 2)
                .containsEntry("rsvps", 4)
                .containsEntry("checkedIn", 1)
                .containsEntry("attendanceRate", 0.5)
                .containsKeys("@timestamp", "publishedAt")
                .doesNotContainKey("organizers");

        List<Map<String, Object>> facts =
                all(rsvps.alias(), "communityEventId", meetup.value().toString());
        assertThat(facts)
                .extracting(fact -> fact.get("type"))
                .containsExactlyInAnyOrder(
                        "confirmed",
                        "confirmed",
                        "waitlisted",
                        "waitlisted",
                        "cancelled",
                        "promoted",
                        "checked-in");
        assertThat(facts)
                .filteredOn(fact -> "checked-in".equals(fact.get("type")))
                .singleElement()
                .satisfies(
                        fact ->
                                assertThat(fact)
                                        .containsEntry("@timestamp", checkIn.toString())
                                        .containsEntry(
                                                "member", pseudonyms.of(guests.get(1).value())));
        assertThat(facts)
                .filteredOn(fact -> "cancelled".equals(fact.get("type")))
                .singleElement()
                .satisfies(fact -> assertThat(fact).containsEntry("gaveUp", "CONFIRMED"));
    }

    @Test
    void documentsShowTheirProcessingPagesChunksTimeAndFailureReason() {
        UserId owner = users.register("Uma Uploader");
        DocumentId processed = history.upload(owner, "application/pdf", 4096, Instant.now());
        Instant started = Instant.parse("2026-05-01T12:00:00Z");
        history.append(new DocumentEvent.ProcessingStarted(processed, 1, MINILM), started);
        history.append(
                new DocumentEvent.ChunksEmbedded(
                        processed, 1, MINILM, List.of(chunk(0, 1), chunk(1, 3), chunk(2, 2))),
                started.plusMillis(500));
        history.append(
                new DocumentEvent.ProcessingCompleted(processed, 1, MINILM, 3),
                started.plusMillis(1_250));
        DocumentId failed = history.upload(owner, "application/zip", 1024, Instant.now());
        history.append(new DocumentEvent.ProcessingStarted(failed, 1, MINILM), started);
        history.append(
                new DocumentEvent.ProcessingFailed(
                        failed,
                        1,
                        MINILM,
                        ProcessingFailureReason.UNSUPPORTED_TYPE,
                        "not a document"),
                started.plusMillis(40));
        history.awaitProjected();

        assertThat(one(documents.alias(), "documentId", processed.value().toString()))
                .containsEntry("status", "PROCESSED")
                .containsEntry("contentType", "application/pdf")
                .containsEntry("sizeBytes", 4096)
                .containsEntry("pages", 3)
                .containsEntry("chunks", 3)
                .containsEntry("processingMs", 1_250)
                .containsEntry("embeddingModel", "all-minilm-l6-v2")
                .doesNotContainKeys("title", "owner", "originalFilename");
        assertThat(one(documents.alias(), "documentId", failed.value().toString()))
                .containsEntry("status", "FAILED")
                .containsEntry("failureReason", "UNSUPPORTED_TYPE")
                .containsEntry("processingMs", 40)
                .doesNotContainKey("chunks");
    }

    @Test
    void anErasedMemberLeavesNoDocumentThatLinksToThem() throws IOException {
        UserId zoe = users.register("Zoe Zimmer", Instant.parse("2026-02-10T09:00:00Z"));
        users.publish(
                new UserEvent.ProfileUpdated(zoe, "Zoe Zimmer", null, List.of("climbing"), null));
        UserId organiser = users.register("Olga Organiser");
        CommunityEventId meetup = new CommunityEventId(UUID.randomUUID());
        Instant startsAt = Instant.now().plus(Duration.ofDays(5));
        history.append(
                new CommunityEventEvent.Drafted(
                        meetup,
                        organiser,
                        new Details(
                                "Bouldering",
                                "About bouldering",
                                "Gym",
                                null,
                                List.of(),
                                Visibility.MEMBERS),
                        new Schedule(startsAt, startsAt.plus(Duration.ofHours(2)), "UTC"),
                        5));
        history.append(new CommunityEventEvent.Published(meetup));
        history.append(new RsvpConfirmed(meetup, zoe));
        history.append(new AttendeeCheckedIn(meetup, zoe));
        String pseudonym = pseudonyms.of(zoe.value());
        UUID search = UUID.randomUUID();
        searchFacts.write(
                List.of(
                        SearchFact.clicked(search, Instant.now(), pseudonym, UUID.randomUUID(), 1),
                        new SearchFact(
                                search.toString(),
                                "search",
                                Instant.now(),
                                pseudonyms.of(organiser.value()),
                                "climbing",
                                "fulltext",
                                new SearchFact.Filters(List.of(), pseudonym, null, null, null),
                                0,
                                List.of(),
                                5L,
                                null,
                                null,
                                false,
                                null,
                                null)));
        history.awaitProjected();
        openSearch.indices().refresh(r -> r.index(searchFacts.alias()));
        assertThat(holding(pseudonym)).hasSize(5);

        history.erase(zoe);
        history.awaitProjected();

        assertThat(holding(pseudonym)).isEmpty();
        assertThat(holding(zoe.value().toString())).isEmpty();
        assertThat(member(zoe))
                .containsEntry("cohort", "2026-02")
                .containsEntry("erased", true)
                .containsEntry("active", false)
                .containsEntry("interests", List.of())
                .doesNotContainKey("member");
        // still counted: the meetup's check-in is a fact, of no one
        assertThat(all(rsvps.alias(), "communityEventId", meetup.value().toString()))
                .hasSize(2)
                .allSatisfy(fact -> assertThat(fact.get("member")).isNull());
        assertThat(all(searchFacts.alias(), "searchId", search.toString())).hasSize(2);
    }

    @Test
    void aRebuildThroughTheApiGivesTheSameDocuments() {
        UserId member = users.register("Rebuilt Rita");
        users.publish(
                new UserEvent.ProfileUpdated(member, "Rebuilt Rita", null, List.of("ml"), null));
        CommunityEventId meetup = new CommunityEventId(UUID.randomUUID());
        Instant startsAt = Instant.now().plus(Duration.ofDays(3));
        history.append(
                new CommunityEventEvent.Drafted(
                        meetup,
                        member,
                        new Details(
                                "Rebuilt",
                                "About it",
                                "Hall",
                                null,
                                List.of("ml"),
                                Visibility.MEMBERS),
                        new Schedule(startsAt, startsAt.plus(Duration.ofHours(1)), "UTC"),
                        3));
        history.append(new CommunityEventEvent.Published(meetup));
        history.append(new RsvpConfirmed(meetup, member));
        DocumentId document = history.upload(member, "text/markdown", 300, Instant.now());
        history.append(new DocumentEvent.ProcessingStarted(document, 1, MINILM));
        history.append(new DocumentEvent.ProcessingCompleted(document, 1, MINILM, 1));
        UserId erased = users.register("Erased Emil");
        history.append(new RsvpWaitlisted(meetup, erased));
        history.erase(erased);
        history.awaitProjected();

        // Indices of earlier runs of this suite keep their documents while the event store starts
        // empty, so the
        // first rebuild may differ from the live index; once swapped in, a second rebuild must be
        // equal.
        ANALYTICS.forEach(
                projection -> assertThat(rebuild(projection)).isEqualTo(HttpStatus.ACCEPTED));
        ANALYTICS.forEach(this::swappedIn);
        ANALYTICS.forEach(
                projection -> assertThat(rebuild(projection)).isEqualTo(HttpStatus.ACCEPTED));
        for (String projection : ANALYTICS) {
            Map<?, ?> comparison = (Map<?, ?>) awaitState(projection, "SWAPPED").get("comparison");
            assertThat(comparison.get("samePosition")).isEqualTo(true);
            assertThat(comparison.get("equal")).as(projection + " " + comparison).isEqualTo(true);
        }
        assertThat(one(communityEvents.alias(), "communityEventId", meetup.value().toString()))
                .containsEntry("seatsTaken", 1)
                .containsEntry("waitingListPeak", 1);
        assertThat(all(rsvps.alias(), "communityEventId", meetup.value().toString()))
                .extracting(fact -> fact.get("member"))
                .containsExactlyInAnyOrder(pseudonyms.of(member.value()), null);
    }

    private static EmbeddedChunk chunk(int index, int page) {
        String text = "Passage " + index;
        return new EmbeddedChunk(
                index,
                text,
                0,
                ChunkLocation.page(page),
                0,
                text.length(),
                3,
                new EmbeddingVector(new float[384]));
    }

    private Map<String, Object> member(UserId id) {
        return one(members.alias(), "id", pseudonyms.documentOf(id.value()).toString());
    }

    private Map<String, Object> one(String alias, String field, String value) {
        List<Map<String, Object>> found = all(alias, field, value);
        assertThat(found).as(alias + " " + field + "=" + value).hasSize(1);
        return found.get(0);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<Map<String, Object>> all(String alias, String field, String value) {
        try {
            return openSearch
                    .search(
                            s ->
                                    s.index(alias)
                                            .size(100)
                                            .query(
                                                    q ->
                                                            q.term(
                                                                    t ->
                                                                            t.field(field)
                                                                                    .value(
                                                                                            FieldValue
                                                                                                    .of(
                                                                                                            value)))),
                            Map.class)
                    .hits()
                    .hits()
                    .stream()
                    .map(hit -> (Map<String, Object>) ((Hit) hit).source())
                    .toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Every document of the analytics indices (search facts included) that holds {@code value} in
     * any field.
     */
    private List<String> holding(String value) throws IOException {
        List<String> aliases =
                List.of(
                        members.alias(),
                        communityEvents.alias(),
                        rsvps.alias(),
                        documents.alias(),
                        searchFacts.alias());
        return openSearch
                .search(
                        s ->
                                s.index(aliases)
                                        .size(100)
                                        .query(
                                                q ->
                                                        q.queryString(
                                                                qs ->
                                                                        qs.query(
                                                                                        "\"" + value
                                                                                                + "\"")
                                                                                .fields("*")
                                                                                .lenient(true))),
                        Map.class)
                .hits()
                .hits()
                .stream()
                .map(hit -> hit.index() + "/" + hit.id())
                .toList();
    }

    private HttpStatus rebuild(String projection) {
        return HttpStatus.valueOf(
                send("POST", "/api/admin/projections/" + projection + "/rebuild")
                        .getStatusCode()
                        .value());
    }

    private void swappedIn(String projection) {
        Map<?, ?> status = awaitState(projection, "SWAPPED", "DIFFERS");
        if ("DIFFERS".equals(status.get("state"))) {
            assertThat(
                            send("POST", "/api/admin/projections/" + projection + "/rebuild/swap")
                                    .getStatusCode())
                    .isEqualTo(HttpStatus.ACCEPTED);
            awaitState(projection, "SWAPPED");
        }
    }

    private Map<?, ?> awaitState(String projection, String... states) {
        await().atMost(REBUILD_DEADLINE)
                .untilAsserted(
                        () ->
                                assertThat(
                                                send(
                                                                "GET",
                                                                "/api/admin/projections/"
                                                                        + projection
                                                                        + "/rebuild")
                                                        .getBody()
                                                        .get("state"))
                                        .as(projection)
                                        .isIn((Object[]) states));
        return send("GET", "/api/admin/projections/" + projection + "/rebuild").getBody();
    }

    @SuppressWarnings("rawtypes")
    private ResponseEntity<Map> send(String method, String path) {
        return http.exchange(
                RequestEntity.method(HttpMethod.valueOf(method), path)
                        .header(
                                HttpHeaders.AUTHORIZATION,
                                "Bearer " + DevIdentity.start().accessToken("adam"))
                        .build(),
                Map.class);
    }
}
