package dev.aic.queryside.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aic.contracts.communityevent.CommunityEventEvent;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.communityevent.Details;
import dev.aic.contracts.communityevent.Schedule;
import dev.aic.contracts.communityevent.Visibility;
import dev.aic.contracts.privacy.PersonalData;
import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import dev.aic.personaldata.SubjectKeys;
import dev.aic.queryside.Api;
import dev.aic.queryside.ProjectionNames;
import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.queryside.UserEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read models forget an erased member: the profile row says "erased member" and holds nothing
 * else, the search document is anonymised, attendee lists show "erased member", and a replay from
 * the store, whose events can no longer be decrypted, rebuilds the same.
 */
@QuerySideIntegrationTest
class MemberErasureProjectionIT {

    private static final Duration PROJECTION_DEADLINE = Duration.ofSeconds(30);

    @Autowired TestRestTemplate http;
    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;
    @Autowired EventProcessingConfiguration processing;
    @Autowired UserSearchIndex searchIndex;
    @Autowired SubjectKeys keys;

    UserEvents users;
    Api api;

    @BeforeEach
    void connect() {
        users = new UserEvents(eventStore, jdbc);
        api = new Api(http);
    }

    @Test
    void anErasedMemberIsForgottenByEveryReadModelAndStaysForgottenAfterAReplay() {
        String organiserName = UserEvents.newUsername();
        UserId organiser = users.registerAs(organiserName, "Olga Organiser");
        String username = UserEvents.newUsername();
        UserId zoe = users.registerAs(username, "Zoe Zimmer");
        users.publish(
                new UserEvent.ProfileUpdated(
                        zoe,
                        "Zoe Zimmer",
                        "Climbs on weekends",
                        List.of("climbing"),
                        "https://img.example.org/zoe.png"));
        CommunityEventId meetup = meetupAttendedBy(organiser, zoe);
        await().atMost(PROJECTION_DEADLINE)
                .untilAsserted(
                        () ->
                                assertThat(attendeeNames(organiserName, meetup))
                                        .containsExactly("Zoe Zimmer"));
        assertThat(rawPayloads(zoe))
                .noneMatch(payload -> payload.contains("Zoe Zimmer") || payload.contains("Climbs"));

        long erasure = erase(zoe);

        await().atMost(PROJECTION_DEADLINE)
                .untilAsserted(
                        () -> {
                            assertThat(row(zoe))
                                    .containsEntry("display_name", PersonalData.ERASED_MEMBER)
                                    .containsEntry("email", null)
                                    .containsEntry("bio", null)
                                    .containsEntry("avatar_ref", null)
                                    .containsEntry("subject", null)
                                    .containsEntry("issuer", null)
                                    .containsEntry("active", false);
                            assertThat(row(zoe).get("erased_at")).isNotNull();
                            assertThat(searchIndex.current(zoe.value()).orElseThrow().document())
                                    .isEqualTo(
                                            new UserDocument(
                                                    zoe.value(),
                                                    null,
                                                    PersonalData.ERASED_MEMBER,
                                                    null,
                                                    List.of(),
                                                    null,
                                                    List.of(),
                                                    false,
                                                    searchIndex
                                                            .current(zoe.value())
                                                            .orElseThrow()
                                                            .document()
                                                            .registeredAt()));
                        });
        assertThat(attendeeNames(organiserName, meetup))
                .containsExactly(PersonalData.ERASED_MEMBER);
        assertThat(
                        api.get(username, "/api/me", UserEvents.consistencyToken(erasure))
                                .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        // past events read back through Axon name no one; so does everything rebuilt from them
        assertThat(
                        eventStore
                                .readEvents(zoe.toString())
                                .asStream()
                                .map(message -> (Object) message.getPayload())
                                .toList())
                .contains(
                        new UserEvent.Registered(zoe, null, PersonalData.ERASED_MEMBER),
                        new UserEvent.ProfileUpdated(
                                zoe, PersonalData.ERASED_MEMBER, null, List.of(), null));
        StreamingEventProcessor table = processor(ProjectionNames.USERS);
        replay(table);
        await().atMost(PROJECTION_DEADLINE).until(() -> caughtUp(table, users.head()));
        assertThat(row(zoe))
                .containsEntry("display_name", PersonalData.ERASED_MEMBER)
                .containsEntry("email", null)
                .containsEntry("bio", null);
        assertThat(row(organiser)).containsEntry("display_name", "Olga Organiser");
    }

    /**
     * What the command-side does in one transaction: the key becomes a tombstone and
     * UserEvent.Erased is stored.
     */
    private long erase(UserId member) {
        jdbc.update(
                """
                INSERT INTO event_store.personal_data_key (subject_id, key, erased_at) VALUES (?, NULL, now())
                ON CONFLICT (subject_id) DO UPDATE SET key = NULL, erased_at = now()""",
                member.value());
        // this instance may remember the key for aic.personal-data.key-cache-ttl; the test does not
        // wait that out
        keys.evict(member.value());
        return users.publish(new UserEvent.Erased(member, "request 117"));
    }

    private CommunityEventId meetupAttendedBy(UserId organiser, UserId member) {
        CommunityEventId id = new CommunityEventId(UUID.randomUUID());
        Instant startsAt = Instant.now().plus(Duration.ofDays(5));
        List<CommunityEventEvent> history =
                List.of(
                        new CommunityEventEvent.Drafted(
                                id,
                                organiser,
                                new Details(
                                        "Bouldering",
                                        "About bouldering",
                                        "Gym",
                                        null,
                                        List.of(),
                                        Visibility.MEMBERS),
                                new Schedule(startsAt, startsAt.plus(Duration.ofHours(2)), "UTC"),
                                5),
                        new CommunityEventEvent.Published(id),
                        new CommunityEventEvent.RsvpConfirmed(id, member));
        for (int sequence = 0; sequence < history.size(); sequence++) {
            eventStore.publish(
                    new GenericDomainEventMessage<>(
                            "CommunityEvent",
                            id.toString(),
                            sequence,
                            history.get(sequence),
                            MetaData.emptyInstance(),
                            UUID.randomUUID().toString(),
                            Instant.now()));
        }
        return id;
    }

    @SuppressWarnings("unchecked")
    private List<Object> attendeeNames(String caller, CommunityEventId meetup) {
        Map<String, Object> attendees =
                api.get(caller, "/api/events/" + meetup + "/attendees").getBody();
        return ((List<Map<String, Object>>) attendees.get("confirmed"))
                .stream().map(a -> a.get("displayName")).toList();
    }

    private Map<String, Object> row(UserId id) {
        return jdbc.queryForList("SELECT * FROM user_profile WHERE id = ?", id.value()).stream()
                .findFirst()
                .orElse(Map.of());
    }

    private List<String> rawPayloads(UserId id) {
        return jdbc.query(
                "SELECT payload FROM event_store.domainevententry WHERE aggregateidentifier = ?",
                (row, n) -> new String(row.getBytes(1), StandardCharsets.UTF_8),
                id.toString());
    }

    private StreamingEventProcessor processor(String group) {
        return processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow();
    }

    private static void replay(StreamingEventProcessor processor) {
        processor.shutDown();
        processor.resetTokens();
        processor.start();
    }

    private static boolean caughtUp(StreamingEventProcessor processor, long head) {
        return processor.processingStatus().size() == 1
                && processor.processingStatus().values().stream()
                        .allMatch(
                                status ->
                                        status.isCaughtUp()
                                                && status.getCurrentPosition().orElse(-1) >= head);
    }
}
