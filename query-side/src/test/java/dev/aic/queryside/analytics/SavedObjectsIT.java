package dev.aic.queryside.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.contracts.communityevent.CommunityEventEvent;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.communityevent.Details;
import dev.aic.contracts.communityevent.Schedule;
import dev.aic.contracts.communityevent.Visibility;
import dev.aic.contracts.document.DocumentEvent;
import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.document.EmbeddingModel;
import dev.aic.contracts.document.ProcessingFailureReason;
import dev.aic.contracts.user.Role;
import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import dev.aic.personaldata.SubjectKeys;
import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.queryside.UserEvents;
import dev.aic.queryside.search.OpenSearchProperties;
import dev.aic.testsupport.dashboards.SavedObjectsVerifier;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Request;
import org.opensearch.client.opensearch.generic.Requests;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The OpenSearch Dashboards saved objects of {@code deploy/dashboards/}, proved against the real
 * OpenSearch (Dashboards itself cannot run here) over indices the projections filled, by the {@link
 * SavedObjectsVerifier} that {@code ./platform check-dashboards} also runs against the running
 * platform after its demo activity.
 */
@QuerySideIntegrationTest
class SavedObjectsIT {

    private static final Path SAVED_OBJECTS = Path.of("..", "deploy", "dashboards");
    private static final EmbeddingModel MINILM =
            new EmbeddingModel("all-minilm-l6-v2", "a".repeat(64), 384);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;
    @Autowired EventProcessingConfiguration processing;
    @Autowired SubjectKeys keys;
    @Autowired OpenSearchClient openSearch;
    @Autowired OpenSearchProperties openSearchProperties;
    @Autowired SearchFactIndex searchFacts;

    @Test
    void everyVisualisationReadsAnAnalyticsIndexByItsMappedFieldsAndItsAggregationReturnsBuckets()
            throws IOException {
        givenAYearOfActivity();

        SavedObjectsVerifier.Result result =
                new SavedObjectsVerifier(new Client(), openSearchProperties::alias)
                        .verify(SAVED_OBJECTS);

        result.lines().forEach(line -> System.out.println("[saved objects] " + line));
        assertThat(result.failures()).isEmpty();
        assertThat(result.visualisations()).isGreaterThanOrEqualTo(15);
        assertThat(SavedObjectsVerifier.ANALYTICS_ALIASES)
                .as("the aliases the verifier expects are the query-side's")
                .containsExactlyInAnyOrder(
                        MemberFactsIndex.NAME,
                        CommunityEventFactsIndex.NAME,
                        RsvpFactIndex.NAME,
                        DocumentFactsIndex.NAME,
                        SearchFactIndex.NAME);
    }

    /**
     * Members over a year, community events with RSVPs and check-ins, documents processed and
     * failed, searches.
     */
    private void givenAYearOfActivity() {
        AnalyticsHistory history = new AnalyticsHistory(eventStore, jdbc, processing, keys);
        UserEvents users = history.users();
        Instant yearAgo = Instant.now().minus(Duration.ofDays(360));
        List<UserId> members =
                IntStream.range(0, 12)
                        .mapToObj(
                                month ->
                                        users.register(
                                                "Member " + month,
                                                yearAgo.plus(Duration.ofDays(30L * month))))
                        .toList();
        members.forEach(
                member ->
                        users.publish(
                                new UserEvent.ProfileUpdated(
                                        member, "Member", null, List.of("ml", "graphs"), null)));
        users.publish(
                new UserEvent.RolesChanged(members.get(0), List.of(Role.MEMBER, Role.ORGANIZER)));
        for (int week = 0; week < 3; week++) {
            CommunityEventId event = new CommunityEventId(UUID.randomUUID());
            Instant drafted = Instant.now().minus(Duration.ofDays(7L * week + 1));
            Instant startsAt = drafted.plus(Duration.ofDays(10));
            history.append(
                    new CommunityEventEvent.Drafted(
                            event,
                            members.get(0),
                            new Details(
                                    "Meetup " + week,
                                    "About it",
                                    week == 0 ? null : "Hall",
                                    week == 0 ? "https://meet.example.org/m" : null,
                                    List.of("ml"),
                                    Visibility.PUBLIC),
                            new Schedule(startsAt, startsAt.plus(Duration.ofHours(2)), "UTC"),
                            3),
                    drafted);
            history.append(new CommunityEventEvent.Published(event), drafted.plusSeconds(60));
            for (int i = 1; i <= 4; i++) {
                history.append(
                        i <= 3
                                ? new CommunityEventEvent.RsvpConfirmed(event, members.get(i))
                                : new CommunityEventEvent.RsvpWaitlisted(event, members.get(i)),
                        drafted.plusSeconds(600L * i));
            }
            history.append(
                    new CommunityEventEvent.AttendeeCheckedIn(event, members.get(1)), startsAt);
        }
        Instant uploaded = Instant.now().minus(Duration.ofDays(3));
        DocumentId processed = history.upload(members.get(0), "application/pdf", 4096, uploaded);
        history.append(
                new DocumentEvent.ProcessingStarted(processed, 1, MINILM), uploaded.plusSeconds(1));
        history.append(
                new DocumentEvent.ProcessingCompleted(processed, 1, MINILM, 3),
                uploaded.plusSeconds(4));
        DocumentId failed = history.upload(members.get(1), "application/zip", 1024, uploaded);
        history.append(
                new DocumentEvent.ProcessingStarted(failed, 1, MINILM), uploaded.plusSeconds(1));
        history.append(
                new DocumentEvent.ProcessingFailed(
                        failed,
                        1,
                        MINILM,
                        ProcessingFailureReason.UNSUPPORTED_TYPE,
                        "not a document"),
                uploaded.plusSeconds(2));
        history.awaitProjected();

        List<SearchFact> facts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            UUID search = UUID.randomUUID();
            boolean nothing = i % 3 == 0;
            String member = "member-" + i;
            facts.add(
                    new SearchFact(
                            search.toString(),
                            "search",
                            Instant.now().minus(Duration.ofDays(i)),
                            member,
                            nothing ? "quantum knitting" : "graph neural networks",
                            i % 2 == 0 ? "hybrid" : "fulltext",
                            null,
                            nothing ? 0 : 4,
                            nothing ? List.of() : List.of(processed.value().toString()),
                            20L + i,
                            i % 2 == 0 ? "all-minilm-l6-v2" : null,
                            null,
                            false,
                            null,
                            null));
            facts.add(
                    new SearchFact(
                            UUID.randomUUID().toString(),
                            "ask",
                            Instant.now().minus(Duration.ofDays(i)),
                            member,
                            "what is a graph?",
                            "hybrid",
                            null,
                            nothing ? 0 : 2,
                            List.of(),
                            900L + i,
                            "all-minilm-l6-v2",
                            i % 2 == 0 ? "extractive-test-model" : null,
                            i == 5,
                            null,
                            null));
            if (!nothing) {
                facts.add(
                        SearchFact.clicked(
                                search,
                                Instant.now().minus(Duration.ofDays(i)),
                                member,
                                processed.value(),
                                1));
            }
        }
        assertThat(searchFacts.write(facts)).as("facts refused").isZero();
    }

    /** The verifier's calls, made with the query-side's own client. */
    private final class Client implements SavedObjectsVerifier.OpenSearch {

        @Override
        public JsonNode get(String path) throws IOException {
            return send(Requests.builder().method("GET").endpoint(path).build());
        }

        @Override
        public JsonNode post(String path, JsonNode body) throws IOException {
            var request = Requests.builder().method("POST").endpoint(path);
            return send(
                    body == null
                            ? request.build()
                            : request.json(JSON.writeValueAsString(body)).build());
        }

        private JsonNode send(Request request) throws IOException {
            try (var response = openSearch.generic().execute(request)) {
                JsonNode answer = JSON.readTree(response.getBody().orElseThrow().bodyAsBytes());
                assertThat(response.getStatus())
                        .as(request.getEndpoint() + " → " + answer)
                        .isEqualTo(200);
                return answer;
            }
        }
    }
}
