package dev.aic.queryside.knowledge;

import static dev.aic.queryside.knowledge.FakeAiWorker.axis;
import static dev.aic.queryside.knowledge.FakeAiWorker.mix;
import static dev.aic.queryside.knowledge.KnowledgeLibrary.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.document.ChunkLocation;
import dev.aic.contracts.document.DocumentEvent.ChunksEmbedded;
import dev.aic.contracts.document.DocumentEvent.Deleted;
import dev.aic.contracts.document.DocumentEvent.ProcessingCompleted;
import dev.aic.contracts.document.DocumentEvent.VersionAdded;
import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.document.DocumentVisibility;
import dev.aic.queryside.ProjectionNames;
import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.queryside.knowledge.KnowledgeLibrary.Chunk;
import dev.aic.queryside.knowledge.KnowledgeLibrary.Member;
import dev.aic.testsupport.DevIdentity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.client.RestClient;

/**
 * {@code GET /api/search} and {@code POST /api/ask} over real HTTP, on documents that went through
 * the event store, both projections (PostgreSQL with pgvector, OpenSearch) and an ai-worker played
 * by a real HTTP server that embeds each query with a vector the test chose.
 */
@QuerySideIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KnowledgeSearchIT {

    static final String LOSS_QUESTION = "How does training make the error smaller?";
    static final String BACKPROP = "backpropagation";
    static final String ROADMAP = "what is the launch roadmap";

    @Autowired TestRestTemplate http;
    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;
    @Autowired EventProcessingConfiguration processing;
    @Autowired EmbeddingClient embeddingClient;
    @Autowired ChatAnswers chatAnswers;
    @Autowired ObjectMapper objectMapper;

    KnowledgeLibrary library;
    FakeAiWorker aiWorker;

    /** a word no other suite writes: every document of this suite has it, and it is their tag */
    final String word = "zk" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    Member olivia;
    Member ann;
    Member bob;
    Member carl;
    CommunityEventId event;
    DocumentId optimisation;
    DocumentId budget;
    DocumentId roadmap;

    /** the tag of the one document whose text is markup: no other test of the suite sees it */
    final String markupTag = "mk" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @BeforeAll
    void givenALibraryOfThreeAudiences() throws IOException {
        aiWorker =
                new FakeAiWorker(MODEL)
                        .vector(LOSS_QUESTION, mix(1, 0.3f))
                        .vector(BACKPROP, axis(2))
                        .vector(ROADMAP, axis(3))
                        .vector("payload", axis(5));
        pointAt(aiWorker.url().toString());
        library = new KnowledgeLibrary(eventStore, jdbc, processing);
        olivia = library.member("Olivia");
        ann = library.member("Ann");
        bob = library.member("Bob");
        carl = library.member("Carl");
        event = library.communityEvent(olivia, ann);
        optimisation =
                library.searchable(
                        olivia,
                        "Optimisation notes",
                        List.of(word, "ml"),
                        DocumentVisibility.PUBLIC,
                        null,
                        new Chunk(
                                "Gradient descent minimises the loss function step by step. "
                                        + word,
                                ChunkLocation.page(1),
                                axis(0)),
                        new Chunk(
                                "Backpropagation computes the gradients through every layer.",
                                ChunkLocation.page(2),
                                axis(1)));
        budget =
                library.searchable(
                        carl,
                        "Budget review",
                        List.of(word, "finance"),
                        DocumentVisibility.MEMBERS,
                        null,
                        new Chunk(
                                "The quarterly budget covers each step of travel, by the team. "
                                        + word,
                                ChunkLocation.headings(List.of("Finance", "Budget")),
                                axis(2)));
        roadmap =
                library.searchable(
                        olivia,
                        "Attendee roadmap",
                        List.of(word),
                        DocumentVisibility.EVENT_ATTENDEES,
                        event,
                        new Chunk(
                                "Roadmap for attendees only: the launch plans. " + word,
                                ChunkLocation.slide(4),
                                axis(3)));
        library.searchable(
                olivia,
                "Markup in a public document",
                List.of(markupTag),
                DocumentVisibility.PUBLIC,
                null,
                new Chunk(
                        "A stored payload: <img src=x onerror=alert(1)> & <script>steal()</script> ends here.",
                        ChunkLocation.page(1),
                        axis(5)));
        library.awaitProjected();
    }

    @AfterAll
    void stopTheAiWorker() {
        aiWorker.close();
    }

    @Test
    void semanticSearchFindsTheNearestChunk() {
        Map<String, Object> found =
                ok(get(bob, "/api/search?mode=semantic&tags=" + word + "&q=" + LOSS_QUESTION));

        assertThat(found.get("mode")).isEqualTo("semantic");
        assertThat(found.get("model"))
                .isEqualTo(Map.of("name", MODEL.name(), "fingerprint", MODEL.fingerprint()));
        List<Map<String, Object>> results = results(found);
        assertThat(results.get(0))
                .containsEntry("documentId", optimisation.toString())
                .containsEntry("title", "Optimisation notes")
                .containsEntry("ownerId", olivia.uuid().toString())
                .containsEntry("version", 1);
        Map<String, Object> best = passages(results.get(0)).get(0);
        assertThat(best)
                .containsEntry("chunkIndex", 0)
                .containsEntry("page", 1)
                .containsEntry("location", "page 1")
                .containsEntry("startOffset", 0)
                .containsEntry(
                        "source", "/api/documents/" + optimisation + "/content?version=1#page=1");
        assertThat((String) best.get("text")).startsWith("Gradient descent");
        // the second chunk is nearer than any other document's
        assertThat(passages(results.get(0)))
                .extracting(passage -> passage.get("chunkIndex"))
                .containsExactly(0, 1);
        assertThat(aiWorker.embedded()).contains(LOSS_QUESTION);
    }

    @Test
    void fullTextFindsAnExactPhraseAndHighlightsIt() {
        Map<String, Object> found =
                ok(get(bob, "/api/search?mode=fulltext&tags=" + word + "&q=\"step by step\""));

        assertThat(found.get("mode")).isEqualTo("fulltext");
        assertThat(found.get("model")).isNull();
        List<Map<String, Object>> results = results(found);
        // both mention a step; only one has the phrase, which counts double
        assertThat(ids(results)).containsExactly(optimisation.toString(), budget.toString());
        Map<String, Object> passage = passages(results.get(0)).get(0);
        assertThat((String) passage.get("highlight")).contains("<em>step</em> by <em>step</em>");
        assertThat(passage).containsEntry("location", "page 1");
        assertThat(passages(results.get(1)).get(0))
                .containsEntry("location", "Finance > Budget")
                .containsEntry("headings", List.of("Finance", "Budget"))
                // no page to open at outside a PDF: the document itself
                .containsEntry("source", "/api/documents/" + budget + "/content?version=1");
    }

    @Test
    void aHighlightIsHtmlWhoseOnlyMarkupIsTheEmphasisOfTheMatchedWords() {
        for (String mode : List.of("fulltext", "hybrid")) {
            Map<String, Object> found =
                    ok(get(bob, "/api/search?mode=" + mode + "&tags=" + markupTag + "&q=payload"));

            String highlight = (String) passages(results(found).get(0)).get(0).get("highlight");
            assertThat(highlight)
                    .as(mode)
                    .contains("<em>payload</em>")
                    .contains("&lt;img src=x onerror=alert(1)&gt;")
                    .contains("&lt;script&gt;")
                    .contains("&amp;")
                    .doesNotContain("<img")
                    .doesNotContain("<script");
            assertThat(highlight.replace("<em>", "").replace("</em>", ""))
                    .as(mode)
                    .doesNotContain("<", ">");
        }
    }

    @Test
    void hybridSearchFusesWordsAndMeaning() {
        // by words only the optimisation notes say "backpropagation"; the ai-worker puts the query
        // next to the budget
        assertThat(
                        ids(
                                results(
                                        ok(
                                                get(
                                                        bob,
                                                        "/api/search?mode=fulltext&tags="
                                                                + word
                                                                + "&q="
                                                                + BACKPROP)))))
                .containsExactly(optimisation.toString());
        assertThat(
                        ids(results(
                                        ok(
                                                get(
                                                        bob,
                                                        "/api/search?mode=semantic&tags="
                                                                + word
                                                                + "&q="
                                                                + BACKPROP))))
                                .get(0))
                .isEqualTo(budget.toString());

        Map<String, Object> hybrid = ok(get(bob, "/api/search?tags=" + word + "&q=" + BACKPROP));

        assertThat(hybrid.get("mode")).isEqualTo("hybrid");
        assertThat(hybrid.get("degraded")).isNull();
        assertThat(hybrid.get("model")).isNotNull();
        assertThat(ids(results(hybrid)).subList(0, 2))
                .containsExactlyInAnyOrder(optimisation.toString(), budget.toString());
        Map<String, Object> notes =
                results(hybrid).stream()
                        .filter(result -> result.get("documentId").equals(optimisation.toString()))
                        .findFirst()
                        .orElseThrow();
        assertThat(passages(notes).get(0)).containsEntry("chunkIndex", 1);
        assertThat((String) passages(notes).get(0).get("highlight"))
                .contains("<em>Backpropagation</em>");
    }

    @Test
    void filtersNarrowEveryMode() {
        for (String mode : List.of("semantic", "fulltext", "hybrid")) {
            String search = "/api/search?mode=" + mode + "&q=" + word + "&tags=" + word;
            assertThat(ids(results(ok(get(ann, search)))))
                    .as(mode)
                    .containsExactlyInAnyOrder(
                            optimisation.toString(), budget.toString(), roadmap.toString());
            assertThat(ids(results(ok(get(ann, search + "&author=" + carl.uuid())))))
                    .as(mode)
                    .containsExactly(budget.toString());
            assertThat(ids(results(ok(get(ann, search + "&communityEventId=" + event)))))
                    .as(mode)
                    .containsExactly(roadmap.toString());
            assertThat(ids(results(ok(get(ann, search + ",finance")))))
                    .as(mode)
                    .containsExactly(budget.toString());
            assertThat(
                            results(
                                    ok(
                                            get(
                                                    ann,
                                                    search
                                                            + "&from="
                                                            + Instant.now()
                                                                    .plus(Duration.ofDays(1))))))
                    .as(mode)
                    .isEmpty();
            assertThat(results(ok(get(ann, search + "&to=2020-01-01T00:00:00Z"))))
                    .as(mode)
                    .isEmpty();
            assertThat(ids(results(ok(get(ann, search + "&limit=1"))))).as(mode).hasSize(1);
        }
    }

    @Test
    void onlyTheEventsOrganisersAndAttendeesFindItsDocumentsInAnyMode() {
        for (String mode : List.of("semantic", "fulltext", "hybrid")) {
            String search = "/api/search?mode=" + mode + "&tags=" + word + "&q=" + ROADMAP;
            assertThat(ids(results(ok(get(bob, search)))))
                    .as(mode)
                    .doesNotContain(roadmap.toString());
            assertThat(ids(results(ok(get(carl, search + "&communityEventId=" + event)))))
                    .as(mode)
                    .isEmpty();
            assertThat(ids(results(ok(get(ann, search)))))
                    .as(mode)
                    .first()
                    .isEqualTo(roadmap.toString());
            assertThat(ids(results(ok(get(olivia, search)))))
                    .as(mode)
                    .first()
                    .isEqualTo(roadmap.toString());
        }
        ResponseEntity<Map> asked =
                post(bob, "/api/ask", Map.of("question", ROADMAP, "tags", List.of(word)));
        assertThat(asked.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(citations(ok(asked)))
                .extracting(c -> c.get("documentId"))
                .isNotEmpty()
                .doesNotContain(roadmap.toString());
    }

    @Test
    void badInputIsRefusedWithAProblem() {
        for (String query :
                List.of(
                        "q=",
                        "q=  ",
                        "q=" + "x".repeat(501),
                        "q=a&mode=fuzzy",
                        "q=a&limit=0",
                        "q=a&limit=51",
                        "q=a&from=yesterday",
                        "q=a&to=2026-13-01",
                        "q=a&communityEventId=nope",
                        "q=a&author=42",
                        "mode=semantic")) {
            ResponseEntity<Map> refused = get(bob, "/api/search?" + query);
            assertThat(refused.getStatusCode()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getHeaders().getContentType())
                    .as(query)
                    .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat((String) refused.getBody().get("type"))
                    .as(query)
                    .startsWith("urn:aic:problem:");
        }
        for (Map<String, Object> body :
                List.of(
                        Map.<String, Object>of("question", " "),
                        Map.<String, Object>of("question", "x".repeat(501)),
                        Map.<String, Object>of("question", "a", "limit", 0),
                        Map.<String, Object>of("question", "a", "limit", 21),
                        Map.<String, Object>of("question", "a", "k", 1),
                        Map.<String, Object>of("question", "a", "from", "soon"))) {
            ResponseEntity<Map> refused = post(bob, "/api/ask", body);
            assertThat(refused.getStatusCode())
                    .as(body.toString())
                    .isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat((String) refused.getBody().get("type"))
                    .as(body.toString())
                    .startsWith("urn:aic:problem:");
        }
        assertThat(get(null, "/api/search?q=a").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(post(null, "/api/ask", Map.of("question", "a")).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void withoutTheAiWorkerSemanticSearchIsUnavailableAndHybridFallsBackToWords()
            throws IOException, InterruptedException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        pointAt("http://127.0.0.1:" + closed);
        try {
            // a client of its own: the test's HTTP client would wait out the Retry-After and ask
            // again
            HttpResponse<String> semantic =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            http.getRootUri()
                                                                    + "/api/search?mode=semantic&q="
                                                                    + word))
                                            .header(
                                                    HttpHeaders.AUTHORIZATION,
                                                    "Bearer "
                                                            + DevIdentity.start()
                                                                    .accessToken(bob.username()))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            assertThat(semantic.statusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.value());
            assertThat(semantic.headers().firstValue(HttpHeaders.RETRY_AFTER)).isPresent();
            assertThat(semantic.headers().firstValue(HttpHeaders.CONTENT_TYPE))
                    .hasValue(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            assertThat(objectMapper.readTree(semantic.body()).get("type").asText())
                    .isEqualTo("urn:aic:problem:embedding-unavailable");

            Map<String, Object> hybrid =
                    ok(get(bob, "/api/search?tags=" + word + "&q=" + BACKPROP));
            assertThat(hybrid).containsEntry("mode", "hybrid").containsEntry("degraded", true);
            assertThat(hybrid.get("model")).isNull();
            assertThat(ids(results(hybrid))).containsExactly(optimisation.toString());

            Map<String, Object> answer =
                    ok(post(bob, "/api/ask", Map.of("question", BACKPROP, "tags", List.of(word))));
            assertThat(answer).containsEntry("degraded", true).containsEntry("generated", false);
            assertThat(citations(answer))
                    .extracting(c -> c.get("documentId"))
                    .containsExactly(optimisation.toString());
        } finally {
            pointAt(aiWorker.url().toString());
        }
    }

    @Test
    void askAnswersWithTheBestPassagesCited() {
        ResponseEntity<Map> asked =
                post(
                        bob,
                        "/api/ask",
                        Map.of("question", LOSS_QUESTION, "tags", List.of(word), "limit", 2));

        assertThat(asked.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> answer = ok(asked);
        assertThat(answer).containsEntry("generated", false);
        List<Map<String, Object>> citations = citations(answer);
        assertThat(citations).hasSize(2);
        assertThat(citations.get(0))
                .containsEntry("n", 1)
                .containsEntry("documentId", optimisation.toString())
                .containsEntry("title", "Optimisation notes")
                .containsEntry("version", 1)
                .containsEntry("location", "page 1")
                .containsEntry("page", 1)
                .containsEntry(
                        "source", "/api/documents/" + optimisation + "/content?version=1#page=1");
        assertThat((String) answer.get("answer"))
                .startsWith("Gradient descent minimises the loss function")
                .contains(" [1] ")
                .endsWith(" [2]");
    }

    @Test
    void aConfiguredChatModelWritesTheAnswerAndAFailingOneFallsBackToThePassages()
            throws IOException {
        AtomicReference<String> sent = new AtomicReference<>();
        AtomicInteger status = new AtomicInteger(200);
        HttpServer chat = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        chat.createContext(
                "/v1/chat/completions",
                exchange -> {
                    sent.set(
                            new String(
                                    exchange.getRequestBody().readAllBytes(),
                                    StandardCharsets.UTF_8));
                    byte[] body =
                            objectMapper.writeValueAsBytes(
                                    Map.of(
                                            "id",
                                            "chatcmpl-1",
                                            "object",
                                            "chat.completion",
                                            "choices",
                                            List.of(
                                                    Map.of(
                                                            "index",
                                                            0,
                                                            "finish_reason",
                                                            "stop",
                                                            "message",
                                                            Map.of(
                                                                    "role",
                                                                    "assistant",
                                                                    "content",
                                                                    "Training follows the gradient downhill [1].")))));
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(status.get(), body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        chat.start();
        RestClient chatClient =
                Json.client(
                        objectMapper,
                        "http://127.0.0.1:" + chat.getAddress().getPort() + "/v1",
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(5));
        ReflectionTestUtils.setField(chatAnswers, "http", chatClient);
        try {
            Map<String, Object> generated =
                    ok(
                            post(
                                    bob,
                                    "/api/ask",
                                    Map.of("question", LOSS_QUESTION, "tags", List.of(word))));
            assertThat(generated)
                    .containsEntry("generated", true)
                    .containsEntry("answer", "Training follows the gradient downhill [1].");
            assertThat(citations(generated).get(0))
                    .containsEntry("documentId", optimisation.toString());
            assertThat(sent.get())
                    .contains("[1] Optimisation notes, page 1")
                    .contains(LOSS_QUESTION);

            status.set(500);
            Map<String, Object> extracted =
                    ok(
                            post(
                                    bob,
                                    "/api/ask",
                                    Map.of("question", LOSS_QUESTION, "tags", List.of(word))));
            assertThat(extracted).containsEntry("generated", false);
            assertThat((String) extracted.get("answer")).startsWith("Gradient descent minimises");
        } finally {
            ReflectionTestUtils.setField(chatAnswers, "http", null);
            chat.stop(0);
        }
    }

    @Test
    void aNewVersionReplacesTheOldOnceCompleteAndADeletionRemovesEverything() {
        String marker = "zv" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        DocumentId id =
                library.searchable(
                        carl,
                        "Versioned",
                        List.of(marker),
                        DocumentVisibility.MEMBERS,
                        null,
                        new Chunk("Alpha release notes " + marker, ChunkLocation.page(1), axis(5)));
        library.awaitProjected();
        String search = "/api/search?mode=fulltext&tags=" + marker + "&q=";
        assertThat(versions(ok(get(bob, search + "alpha")))).containsExactly(1);

        library.publish(
                new VersionAdded(
                        id,
                        2,
                        "application/pdf",
                        100,
                        "f".repeat(64),
                        "documents/" + id + "/2",
                        "v2.pdf"));
        library.embed(
                id, 2, new Chunk("Beta release notes " + marker, ChunkLocation.page(1), axis(6)));
        library.awaitProjected();
        // until version 2 is completely embedded, version 1 answers
        assertThat(versions(ok(get(bob, search + "alpha")))).containsExactly(1);
        assertThat(versions(ok(get(bob, search + "beta")))).isEmpty();

        library.publish(new ProcessingCompleted(id, 2, MODEL, 1));
        library.awaitProjected();
        assertThat(versions(ok(get(bob, search + "alpha")))).isEmpty();
        assertThat(versions(ok(get(bob, search + "beta")))).containsExactly(2);
        assertThat(
                        versions(
                                ok(
                                        get(
                                                bob,
                                                "/api/search?mode=semantic&tags="
                                                        + marker
                                                        + "&q="
                                                        + marker))))
                .containsExactly(2);

        // the ai-worker's reports of version 1 delivered again change nothing
        library.publish(
                new ChunksEmbedded(
                        id,
                        1,
                        MODEL,
                        KnowledgeLibrary.embedded(
                                new Chunk(
                                        "Alpha release notes " + marker,
                                        ChunkLocation.page(1),
                                        axis(5)))));
        library.publish(new ProcessingCompleted(id, 1, MODEL, 1));
        library.awaitProjected();
        assertThat(versions(ok(get(bob, search + "alpha")))).isEmpty();
        assertThat(versions(ok(get(bob, search + "notes")))).containsExactly(2);

        library.publish(
                new Deleted(id, List.of("documents/" + id + "/1", "documents/" + id + "/2")));
        library.awaitProjected();
        for (String mode : List.of("semantic", "fulltext", "hybrid")) {
            assertThat(
                            results(
                                    ok(
                                            get(
                                                    bob,
                                                    "/api/search?mode="
                                                            + mode
                                                            + "&tags="
                                                            + marker
                                                            + "&q=notes"))))
                    .as(mode)
                    .isEmpty();
        }
    }

    @Test
    void replayingTheEventStoreRebuildsTheSameChunkIndex() {
        String search =
                "/api/search?mode=fulltext&tags="
                        + word
                        + "&q="
                        + word
                        + " backpropagation roadmap";
        Map<String, Object> before = ok(get(olivia, search));

        StreamingEventProcessor processor =
                processing
                        .eventProcessor(
                                ProjectionNames.DOCUMENT_CHUNKS_SEARCH,
                                StreamingEventProcessor.class)
                        .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        library.awaitProjected();

        Map<String, Object> after = ok(get(olivia, search));
        // scores may move (a fresh index has no deleted documents in its statistics); what was
        // found may not
        assertThat(ids(results(after)))
                .hasSize(3)
                .containsExactlyInAnyOrderElementsOf(ids(results(before)));
        assertThat(passageTexts(after)).isEqualTo(passageTexts(before));
    }

    /** Each document's passages, whatever their order. */
    private static Map<String, Set<Object>> passageTexts(Map<String, Object> found) {
        return results(found).stream()
                .collect(
                        Collectors.toMap(
                                result -> (String) result.get("documentId"),
                                result ->
                                        passages(result).stream()
                                                .map(passage -> passage.get("text"))
                                                .collect(Collectors.toSet())));
    }

    private void pointAt(String url) {
        ReflectionTestUtils.setField(
                embeddingClient,
                "http",
                Json.client(objectMapper, url, Duration.ofSeconds(1), Duration.ofSeconds(5)));
        ReflectionTestUtils.setField(embeddingClient, "active", null);
    }

    @SuppressWarnings("rawtypes")
    private ResponseEntity<Map> get(Member user, String path) {
        RequestEntity.HeadersBuilder<?> request = RequestEntity.get(path);
        if (user != null) {
            request.header(
                    HttpHeaders.AUTHORIZATION,
                    "Bearer " + DevIdentity.start().accessToken(user.username()));
        }
        return http.exchange(request.build(), Map.class);
    }

    @SuppressWarnings("rawtypes")
    private ResponseEntity<Map> post(Member user, String path, Map<String, ?> body) {
        RequestEntity.BodyBuilder request =
                RequestEntity.post(path).contentType(MediaType.APPLICATION_JSON);
        if (user != null) {
            request.header(
                    HttpHeaders.AUTHORIZATION,
                    "Bearer " + DevIdentity.start().accessToken(user.username()));
        }
        return http.exchange(request.body(body), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> ok(ResponseEntity<Map> response) {
        assertThat(response.getStatusCode())
                .as(String.valueOf(response.getBody()))
                .isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(Map<String, Object> body) {
        return (List<Map<String, Object>>) body.get("results");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> passages(Map<String, Object> result) {
        return (List<Map<String, Object>>) result.get("passages");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> citations(Map<String, Object> answer) {
        return (List<Map<String, Object>>) answer.get("citations");
    }

    private static List<String> ids(List<Map<String, Object>> results) {
        return results.stream().map(result -> (String) result.get("documentId")).toList();
    }

    private static List<Integer> versions(Map<String, Object> found) {
        return results(found).stream().map(result -> (Integer) result.get("version")).toList();
    }
}
