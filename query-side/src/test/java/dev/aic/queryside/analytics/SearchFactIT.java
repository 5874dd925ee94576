package dev.aic.queryside.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.contracts.document.ChunkLocation;
import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.document.DocumentVisibility;
import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.queryside.knowledge.KnowledgeLibrary;
import dev.aic.queryside.knowledge.KnowledgeLibrary.Member;
import dev.aic.testsupport.DevIdentity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
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
 * Search analytics over real HTTP and the real OpenSearch: each search and question leaves one fact
 * that names its member only by pseudonym, a refused write costs the search nothing, and retention
 * deletes old facts.
 */
@QuerySideIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchFactIT {

    @Autowired TestRestTemplate http;
    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;
    @Autowired EventProcessingConfiguration processing;
    @Autowired OpenSearchClient client;
    @Autowired SearchFactIndex index;
    @Autowired SearchFactSchedule schedule;
    @Autowired SearchFactWriter writer;
    @Autowired Pseudonyms pseudonyms;
    @Autowired MeterRegistry meters;
    @Autowired ObjectMapper objectMapper;

    FactReader facts;
    Member ann;
    DocumentId notes;

    /** a word no other suite writes */
    final String word = "sf" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @BeforeAll
    void givenAMemberAndADocument() {
        facts = new FactReader(client, index);
        KnowledgeLibrary library = new KnowledgeLibrary(eventStore, jdbc, processing);
        ann = library.member("Ann");
        notes =
                library.searchable(
                        ann,
                        "Optimisation notes",
                        List.of(word),
                        DocumentVisibility.PUBLIC,
                        null,
                        new KnowledgeLibrary.Chunk(
                                "Gradient descent minimises the loss, step by step. " + word,
                                ChunkLocation.page(1),
                                new float[384]));
        library.awaitProjected();
    }

    @Test
    void aSearchLeavesExactlyOneFactThatNamesItsMemberOnlyByPseudonym() throws Exception {
        ResponseEntity<Map> searched =
                get(ann, "/api/search?mode=fulltext&tags=" + word + "&q=gradient " + word);

        assertThat(searched.getStatusCode()).isEqualTo(HttpStatus.OK);
        String searchId = searched.getHeaders().getFirst("Search-Id");
        assertThat(searchId).isNotBlank();
        List<Map> recorded = facts.awaitFacts(searchId, 1);
        // the search queued its facts before it answered: once the writer has written all it holds,
        // a second fact
        // would be in the index
        writer.drain();
        assertThat(facts.facts(searchId)).hasSize(1);
        Map<String, Object> fact = recorded.get(0);
        assertThat(fact)
                .containsEntry("type", "search")
                .containsEntry("query", "gradient " + word)
                .containsEntry("mode", "fulltext")
                .containsEntry("resultCount", 1)
                .containsEntry("documentIds", List.of(notes.toString()))
                .containsEntry("degraded", false)
                .containsEntry("member", pseudonyms.of(ann.id().value()))
                .containsKeys("@timestamp", "latencyMs")
                .doesNotContainKey("embeddingModel");
        assertThat(fact.get("filters")).isEqualTo(Map.of("tags", List.of(word)));
        assertThat(Instant.parse((String) fact.get("@timestamp")))
                .isCloseTo(
                        Instant.now(),
                        org.assertj.core.api.Assertions.within(Duration.ofMinutes(1)));
        String json = objectMapper.writeValueAsString(fact);
        assertThat(json).doesNotContain(ann.id().value().toString()).doesNotContain(ann.username());
    }

    @Test
    void aSearchThatFindsNothingIsRecordedWithNoResults() {
        ResponseEntity<Map> searched =
                get(ann, "/api/search?mode=fulltext&tags=" + word + "&q=nothingmatches" + word);

        Map<String, Object> fact =
                facts.awaitFacts(searched.getHeaders().getFirst("Search-Id"), 1).get(0);
        assertThat(fact).containsEntry("resultCount", 0).containsEntry("documentIds", List.of());
    }

    @Test
    void aQuestionLeavesAnAskFactWithTheDocumentsItCites() {
        ResponseEntity<Map> asked =
                http.exchange(
                        RequestEntity.post("/api/ask")
                                .header(HttpHeaders.AUTHORIZATION, bearer(ann))
                                .contentType(MediaType.APPLICATION_JSON)
                                .body(
                                        Map.of(
                                                "question",
                                                "gradient " + word,
                                                "tags",
                                                List.of(word))),
                        Map.class);

        assertThat(asked.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> fact =
                facts.awaitFacts(asked.getHeaders().getFirst("Search-Id"), 1).get(0);
        assertThat(fact)
                .containsEntry("type", "ask")
                .containsEntry("query", "gradient " + word)
                .containsEntry("mode", "hybrid")
                .containsEntry("member", pseudonyms.of(ann.id().value()))
                .containsEntry("documentIds", List.of(notes.toString()));
    }

    @Test
    void aSearchStillAnswersWhenOpenSearchRefusesItsFactAndTheFactIsCountedAsDropped()
            throws Exception {
        double droppedBefore = dropped();
        blockWrites(true);
        try {
            ResponseEntity<Map> searched =
                    get(ann, "/api/search?mode=fulltext&tags=" + word + "&q=gradient");

            assertThat(searched.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(searched.getHeaders().getFirst("Search-Id")).isNotBlank();
            assertThat((List<?>) searched.getBody().get("results")).hasSize(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> dropped() > droppedBefore);
        } finally {
            blockWrites(false);
        }
    }

    @Test
    void retentionDeletesAnOldFactAndKeepsARecentOne() {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        Searched searched =
                new Searched(
                        Searched.Kind.SEARCH,
                        "retention " + word,
                        "fulltext",
                        new Searched.Filters(null, null, null, null, null),
                        0,
                        List.of(),
                        5,
                        null,
                        null,
                        false);
        assertThat(
                        index.write(
                                List.of(
                                        SearchFact.searched(
                                                old,
                                                Instant.now().minus(Duration.ofDays(91)),
                                                "someone",
                                                searched,
                                                pseudonyms),
                                        SearchFact.searched(
                                                recent,
                                                Instant.now().minus(Duration.ofDays(89)),
                                                "someone",
                                                searched,
                                                pseudonyms))))
                .isZero();
        facts.awaitFacts(old.toString(), 1);

        assertThat(schedule.applyRetention()).isPositive();

        assertThat(facts.facts(old.toString())).isEmpty();
        assertThat(facts.facts(recent.toString())).hasSize(1);
    }

    private double dropped() {
        return meters.find(SearchFactWriter.DROPPED).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private void blockWrites(boolean blocked) throws Exception {
        client.indices()
                .putSettings(
                        p ->
                                p.index(index.physicalName())
                                        .settings(s -> s.blocks(b -> b.write(blocked))));
    }

    @SuppressWarnings("rawtypes")
    private ResponseEntity<Map> get(Member member, String path) {
        return http.exchange(
                RequestEntity.get(path).header(HttpHeaders.AUTHORIZATION, bearer(member)).build(),
                Map.class);
    }

    private static String bearer(Member member) {
        return "Bearer " + DevIdentity.start().accessToken(member.username());
    }
}
