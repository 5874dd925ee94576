package dev.aic.queryside.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.queryside.UserEvents;
import dev.aic.testsupport.DevIdentity;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code POST /api/search/feedback}: a member's click on a result becomes a click fact linked to
 * its search.
 */
@QuerySideIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchFeedbackIT {

    @Autowired TestRestTemplate http;
    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;
    @Autowired OpenSearchClient client;
    @Autowired SearchFactIndex index;
    @Autowired Pseudonyms pseudonyms;

    FactReader facts;
    String username;
    UUID userId;

    @BeforeAll
    void givenAMember() {
        facts = new FactReader(client, index);
        username = UserEvents.newUsername();
        userId = new UserEvents(eventStore, jdbc).registerAs(username, "Fay").value();
    }

    @Test
    void aClickOnAResultIsRecordedWithItsSearch() {
        ResponseEntity<Map> searched =
                http.exchange(
                        RequestEntity.get("/api/search?mode=fulltext&q=anything")
                                .header(HttpHeaders.AUTHORIZATION, bearer())
                                .build(),
                        Map.class);
        String searchId = searched.getHeaders().getFirst("Search-Id");
        UUID document = UUID.randomUUID();

        ResponseEntity<String> feedback =
                feedback(
                        Map.of("searchId", searchId, "documentId", document.toString(), "rank", 2),
                        bearer());

        assertThat(feedback.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        List<Map> recorded = facts.awaitFacts(searchId, 2);
        assertThat(recorded)
                .extracting(fact -> fact.get("type"))
                .containsExactlyInAnyOrder("search", "click");
        Map<String, Object> click =
                recorded.stream()
                        .filter(fact -> "click".equals(fact.get("type")))
                        .findFirst()
                        .orElseThrow();
        assertThat(click)
                .containsEntry("documentId", document.toString())
                .containsEntry("rank", 2)
                .containsEntry("member", pseudonyms.of(userId))
                .containsKey("@timestamp");
    }

    @Test
    void feedbackWithoutASearchIdOrWithARankOutOfBoundsIsAProblem() {
        ResponseEntity<String> missing =
                feedback(Map.of("documentId", UUID.randomUUID().toString(), "rank", 1), bearer());
        ResponseEntity<String> rank =
                feedback(
                        Map.of(
                                "searchId",
                                UUID.randomUUID().toString(),
                                "documentId",
                                UUID.randomUUID().toString(),
                                "rank",
                                0),
                        bearer());
        ResponseEntity<String> notAnId =
                feedback(
                        Map.of(
                                "searchId",
                                "yesterday",
                                "documentId",
                                UUID.randomUUID().toString(),
                                "rank",
                                1),
                        bearer());

        for (ResponseEntity<String> bad : List.of(missing, rank, notAnId)) {
            assertThat(bad.getStatusCode()).as(bad.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(bad.getHeaders().getContentType())
                    .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(missing.getBody()).contains("searchId");
        assertThat(rank.getBody()).contains("rank");
        assertThat(notAnId.getBody()).contains("searchId");
    }

    @Test
    void feedbackNeedsASignedInCaller() {
        ResponseEntity<String> anonymous =
                feedback(
                        Map.of(
                                "searchId",
                                UUID.randomUUID().toString(),
                                "documentId",
                                UUID.randomUUID().toString(),
                                "rank",
                                1),
                        null);

        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private ResponseEntity<String> feedback(Map<String, ?> body, String authorization) {
        RequestEntity.BodyBuilder request =
                RequestEntity.post("/api/search/feedback").contentType(MediaType.APPLICATION_JSON);
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return http.exchange(request.body(body), String.class);
    }

    private String bearer() {
        return "Bearer " + DevIdentity.start().accessToken(username);
    }
}
