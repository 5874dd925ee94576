package dev.aic.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aic.aiworker.extraction.TestDocuments;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stream of small PDFs one member uploads, and the ai-worker's handling of them seen from
 * outside: each document is processed to completion exactly once when its read model says INDEXED,
 * the event store holds one {@code ProcessingStarted} and one {@code ProcessingCompleted} for it,
 * and pgvector as many chunk rows as the processing reported.
 */
final class DocumentStream {

    private final Platform platform;
    private final String member;
    private final String run;
    private final Duration deadline;
    private final List<String> documents = new ArrayList<>();

    /** {@code member}'s token; the member signs in (registers) first. */
    DocumentStream(Platform platform, String member, String run, Duration deadline) {
        this.platform = platform;
        this.member = member;
        this.run = run;
        this.deadline = deadline;
        Http.Reply signedIn =
                Http.to(platform.commandSide().url("/api/me")).bearer(member).post("{}");
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(201);
    }

    /** Uploads the next document; returns its id. */
    String upload() {
        int n = documents.size();
        byte[] pdf =
                TestDocuments.pdf(
                        List.of(
                                "Notes %s number %d: the reading circle meets on Thursday %d."
                                        .formatted(run, n, n)));
        Http.Reply uploaded =
                Http.to(platform.commandSide().url("/api/documents"))
                        .bearer(member)
                        .multipart(
                                "POST",
                                Map.of("title", "Notes " + run + " " + n, "visibility", "MEMBERS"),
                                "notes-" + n + ".pdf",
                                pdf);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        String id = uploaded.json().get("id").asText();
        documents.add(id);
        return id;
    }

    List<String> documents() {
        return List.copyOf(documents);
    }

    /** The documents whose processing the event store has recorded as completed, now. */
    List<String> completed() {
        return documents.stream()
                .filter(
                        document ->
                                platform.storedEvents(document, "DocumentEvent$ProcessingCompleted")
                                        > 0)
                .toList();
    }

    /**
     * Waits until each document is INDEXED, then checks it was processed exactly once; returns the
     * chunk counts.
     */
    List<String> awaitProcessedOnce() throws SQLException {
        List<String> processed = new ArrayList<>();
        for (String document : documents) {
            int chunks = awaitIndexed(document);
            assertThat(platform.storedEvents(document, "DocumentEvent$ProcessingStarted"))
                    .as("processing runs of %s", document)
                    .isEqualTo(1);
            assertThat(platform.storedEvents(document, "DocumentEvent$ProcessingCompleted"))
                    .as("completions of %s", document)
                    .isEqualTo(1);
            assertThat(chunkRows(document))
                    .as("chunk rows of %s in pgvector", document)
                    .isEqualTo(chunks);
            processed.add(document.substring(0, 8) + ":" + chunks + " chunks");
        }
        return processed;
    }

    /**
     * The chunk count of the document's processing once it is INDEXED; fails at once if it FAILED.
     */
    private int awaitIndexed(String document) {
        int[] chunks = new int[1];
        await("document " + document + " indexed")
                .atMost(deadline)
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> {
                            Http.Reply read =
                                    Http.to(platform.querySide().url("/api/documents/" + document))
                                            .bearer(member)
                                            .get();
                            if (read.status() != 200) {
                                return false;
                            }
                            var processing = read.json().get("processing");
                            assertThat(processing.get("status").asText())
                                    .as(read.toString())
                                    .isNotEqualTo("FAILED");
                            chunks[0] = processing.path("chunkCount").asInt();
                            return "INDEXED".equals(processing.get("status").asText());
                        });
        return chunks[0];
    }

    private long chunkRows(String document) throws SQLException {
        try (var connection = platform.database();
                var statement =
                        connection.prepareStatement(
                                "SELECT count(*) FROM query.document_chunk WHERE document_id = ?::uuid")) {
            statement.setString(1, document);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
