package dev.aic.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aic.aiworker.extraction.TestDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The knowledge hub end to end, over the real services: a member uploads a PDF, a Word document and
 * a presentation; the ai-worker extracts, chunks and embeds them with the local model; the
 * command-side records the chunks as events; the query-side fills pgvector and OpenSearch; search
 * finds passages by meaning and by exact phrase, with citations (document, page, slide or headings,
 * offsets) that point at the right place.
 */
class KnowledgeHubIT {

    private static final Duration INDEXED_WITHIN = Duration.ofMinutes(3);

    private final Platform platform = Platform.shared();

    @Test
    void documentsAreFoundByMeaningAndByExactPhraseWithCitations() {
        String member = platform.token("reader-" + UUID.randomUUID().toString().substring(0, 8));
        String me = signIn(member);

        byte[] minutes =
                TestDocuments.pdf(
                        List.of(
                                "Welcome to the reading group. We meet every second Tuesday in the library.",
                                "Our treasurer reported that membership fees rise next spring to cover venue rental."));
        String pdf = upload(member, "Club minutes.pdf", "Club minutes", minutes);
        String docx =
                upload(
                        member,
                        "Observatory handbook.docx",
                        "Observatory handbook",
                        TestDocuments.docx(
                                List.of(
                                        Map.entry("heading1", "Operations"),
                                        Map.entry("heading2", "Maintenance"),
                                        Map.entry(
                                                "paragraph",
                                                "The quarterly telescope maintenance schedule is posted on the observatory door."),
                                        Map.entry("heading1", "Outreach"),
                                        Map.entry(
                                                "paragraph",
                                                "Volunteers guide school classes through the night sky on open evenings."))));
        String pptx =
                upload(
                        member,
                        "Lecture.pptx",
                        "Machine learning lecture",
                        TestDocuments.pptx(
                                List.of(
                                        "Introduction to retrieval",
                                        "Vector databases store embeddings for similarity lookups.",
                                        "Gradient descent slowly walks downhill on the loss surface until the model stops improving.")));
        for (String document : List.of(pdf, docx, pptx)) {
            awaitIndexed(member, document);
        }

        // no word in common with the page it must find
        JsonNode fees =
                bestPassage(
                        search(
                                member,
                                "semantic",
                                "price increase for joining the association",
                                me),
                        pdf);
        assertThat(fees.get("page").asInt()).isEqualTo(2);
        assertThat(fees.get("text").asText()).contains("membership fees rise next spring");
        assertCitationSpansItsText(fees);
        // the passage links to its source at its page, and the link opens the very bytes uploaded
        assertThat(fees.get("source").asText())
                .isEqualTo("/api/documents/" + pdf + "/content?version=1#page=2");
        assertThat(open(member, fees.get("source").asText())).isEqualTo(minutes);

        JsonNode descent =
                bestPassage(
                        search(
                                member,
                                "semantic",
                                "optimisation algorithm minimising error iteratively",
                                me),
                        pptx);
        assertThat(descent.get("slide").asInt()).isEqualTo(3);
        assertThat(descent.get("text").asText()).contains("Gradient descent");
        assertCitationSpansItsText(descent);

        JsonNode schedule =
                bestPassage(
                        search(
                                member,
                                "fulltext",
                                "\"quarterly telescope maintenance schedule\"",
                                me),
                        docx);
        assertThat(texts(schedule.get("headings"))).containsExactly("Operations", "Maintenance");
        assertThat(schedule.get("highlight").asText()).contains("<em>");
        assertThat(schedule.get("text").asText())
                .contains("quarterly telescope maintenance schedule");
        assertCitationSpansItsText(schedule);

        JsonNode hybrid = bestPassage(search(member, "hybrid", "volunteers night sky", me), docx);
        assertThat(texts(hybrid.get("headings"))).containsExactly("Outreach");

        Http.Reply asked =
                Http.to(platform.querySide().url("/api/ask"))
                        .bearer(member)
                        .post(
                                """
                {"question": "How much more will joining the association cost?", "author": "%s"}"""
                                        .formatted(me));
        assertThat(asked.status()).as(asked.toString()).isEqualTo(200);
        JsonNode citation = asked.json().get("citations").get(0);
        assertThat(citation.get("documentId").asText()).isEqualTo(pdf);
        assertThat(citation.get("page").asInt()).isEqualTo(2);
        assertThat(citation.get("source").asText())
                .isEqualTo("/api/documents/" + pdf + "/content?version=1#page=2");
        assertThat(asked.json().get("answer").asText()).contains("membership fees").contains("[1]");
    }

    @Test
    void killingTheAiWorkerMidDocumentLosesAndDuplicatesNothing() throws SQLException {
        String member = platform.token("archivist-" + UUID.randomUUID().toString().substring(0, 8));
        signIn(member);
        int pages = 300;
        List<String> text =
                IntStream.rangeClosed(1, pages)
                        .mapToObj(
                                page ->
                                        ("Entry %d of the archive. Member %d "
                                                        + "donated a box of letters in year %d. The letters describe journeys to %d harbours, each written "
                                                        + "with care.")
                                                .formatted(page, page * 7, 1800 + page, page % 40))
                        .toList();
        String document = upload(member, "Archive.pdf", "Archive ledger", TestDocuments.pdf(text));

        await("the first chunks are recorded")
                .atMost(INDEXED_WITHIN)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> platform.storedEvents(document, "DocumentEvent$ChunksEmbedded") > 0);
        platform.killAndRestartAiWorker();
        assertThat(platform.storedEvents(document, "DocumentEvent$ProcessingCompleted"))
                .as("killed before the document was complete")
                .isZero();

        JsonNode processing = awaitIndexed(member, document);
        int chunkCount = processing.get("chunkCount").asInt();
        assertThat(chunkCount).isGreaterThanOrEqualTo(pages);
        assertThat(platform.storedEvents(document, "DocumentEvent$ProcessingCompleted"))
                .isEqualTo(1);
        try (var connection = platform.database();
                var recorded =
                        connection.prepareStatement(
                                """
                     SELECT count(*), count(DISTINCT (chunk ->> 'index')::int), min((chunk ->> 'index')::int),
                            max((chunk ->> 'index')::int)
                     FROM event_store.domainevententry event,
                          jsonb_array_elements(convert_from(event.payload, 'UTF8')::jsonb -> 'chunks') chunk
                     WHERE event.aggregateidentifier = ? AND event.payloadtype LIKE '%.DocumentEvent$ChunksEmbedded'""");
                var projected =
                        connection.prepareStatement(
                                """
                     SELECT count(*), count(*) FILTER (WHERE searchable) FROM query.document_chunk
                     WHERE document_id = ?::uuid""")) {
            recorded.setString(1, document);
            try (var result = recorded.executeQuery()) {
                result.next();
                assertThat(result.getInt(1)).as("chunks recorded, each once").isEqualTo(chunkCount);
                assertThat(result.getInt(2)).as("distinct chunk indexes").isEqualTo(chunkCount);
                assertThat(result.getInt(3)).isZero();
                assertThat(result.getInt(4)).isEqualTo(chunkCount - 1);
            }
            projected.setString(1, document);
            try (var result = projected.executeQuery()) {
                result.next();
                assertThat(result.getInt(1)).as("chunk rows in pgvector").isEqualTo(chunkCount);
                assertThat(result.getInt(2)).as("searchable chunk rows").isEqualTo(chunkCount);
            }
        }
        System.out.printf(
                "ai-worker killed mid-document: %d chunks recorded once each, %d rows in pgvector%n",
                chunkCount, chunkCount);
    }

    /**
     * Follows a source link as a browser does: the fragment stays with the viewer, the rest is
     * requested.
     */
    private byte[] open(String token, String source) {
        URI link = platform.querySide().url(source.substring(0, source.indexOf('#')));
        try {
            HttpResponse<byte[]> opened =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(link)
                                            .header("Authorization", "Bearer " + token)
                                            .build(),
                                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(opened.statusCode()).as(link.toString()).isEqualTo(200);
            assertThat(opened.headers().firstValue("Content-Type"))
                    .as(link.toString())
                    .hasValue("application/pdf");
            return opened.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String signIn(String token) {
        Http.Reply registered =
                Http.to(platform.commandSide().url("/api/me")).bearer(token).post("{}");
        assertThat(registered.status()).as(registered.toString()).isIn(201, 409);
        return registered.json().get("id").asText();
    }

    private String upload(String token, String filename, String title, byte[] bytes) {
        Http.Reply uploaded =
                Http.to(platform.commandSide().url("/api/documents"))
                        .bearer(token)
                        .multipart(
                                "POST",
                                Map.of("title", title, "visibility", "MEMBERS"),
                                filename,
                                bytes);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        return uploaded.json().get("id").asText();
    }

    /** The current version's processing once it is INDEXED; fails at once if it FAILED. */
    private JsonNode awaitIndexed(String token, String document) {
        var status = new JsonNode[1];
        await("document " + document + " indexed")
                .atMost(INDEXED_WITHIN)
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> {
                            Http.Reply read =
                                    Http.to(platform.querySide().url("/api/documents/" + document))
                                            .bearer(token)
                                            .get();
                            if (read.status() != 200) {
                                return false;
                            }
                            status[0] = read.json().get("processing");
                            assertThat(status[0].get("status").asText())
                                    .as(read.toString())
                                    .isNotEqualTo("FAILED");
                            return "INDEXED".equals(status[0].get("status").asText());
                        });
        return status[0];
    }

    private JsonNode search(String token, String mode, String query, String author) {
        Http.Reply found =
                Http.to(
                                platform.querySide()
                                        .url(
                                                "/api/search?mode="
                                                        + mode
                                                        + "&author="
                                                        + author
                                                        + "&q="
                                                        + URLEncoder.encode(
                                                                query, StandardCharsets.UTF_8)))
                        .bearer(token)
                        .get();
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        return found.json();
    }

    /** The first passage of the first result, which must be {@code document}. */
    private static JsonNode bestPassage(JsonNode found, String document) {
        JsonNode best = found.get("results").get(0);
        assertThat(best.get("documentId").asText()).as(found.toPrettyString()).isEqualTo(document);
        return best.get("passages").get(0);
    }

    /** A chunk of a one-chunk section is the whole section: its offsets span exactly its text. */
    private static void assertCitationSpansItsText(JsonNode passage) {
        assertThat(passage.get("startOffset").asInt()).isZero();
        assertThat(passage.get("endOffset").asInt())
                .isEqualTo(passage.get("text").asText().length());
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
