package dev.aic.systemtests;

import static dev.aic.queryside.ProjectionNames.DOCUMENTS;
import static dev.aic.queryside.ProjectionNames.USERS_SEARCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aic.aiworker.extraction.TestDocuments;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * One trace follows a request through every service, as an operator opens it in Zipkin
 * (docs/operations.md, Traces): the HTTP request, the event it stored, the Kafka publish, the
 * ai-worker's work, the reports back, and the projections that wrote the read models; every span's
 * parent is in the trace, and the request is its root.
 */
class TracesIT {

    private static final Duration TRACED_WITHIN = Duration.ofMinutes(2);

    private final Platform platform = Platform.shared();

    @Test
    void anUploadIsOneTraceFromTheRequestToItsVectorsInPgvector() throws SQLException {
        String member = platform.token("tracer-" + UUID.randomUUID().toString().substring(0, 8));
        Http.Reply registered =
                Http.to(platform.commandSide().url("/api/me")).bearer(member).post("{}");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        Http.Reply uploaded =
                Http.to(platform.commandSide().url("/api/documents"))
                        .bearer(member)
                        .multipart(
                                "POST",
                                Map.of("title", "Traced notes", "visibility", "MEMBERS"),
                                "Traced notes.pdf",
                                TestDocuments.pdf(
                                        List.of(
                                                "Telescopes gather light with mirrors or lenses.",
                                                "The club lends its telescopes to members for a week.")));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        String document = uploaded.json().get("id").asText();
        String traceId = traceIdOf(document, "Uploaded");

        Trace trace =
                awaitTrace(
                        traceId,
                        "command-side http post /api/documents",
                        spans ->
                                spans.has("query-side", DOCUMENTS, "ChunksEmbedded")
                                        && spans.has("ai-worker", "document embed", null));

        Span projection = trace.find("query-side", DOCUMENTS, "ChunksEmbedded").orElseThrow();
        assertThat(trace.ancestry(projection))
                .as(trace.toString())
                .containsSubsequence(
                        "command-side http post /api/documents",
                        "command-side kafka-publisher",
                        "command-side aic.documents.v1 send",
                        "ai-worker aic.documents.v1 receive",
                        "ai-worker aic.document-processing.v1 send",
                        "command-side aic.document-processing.v1 receive",
                        "query-side " + DOCUMENTS);
        Span received = trace.find("ai-worker", "aic.documents.v1 receive", null).orElseThrow();
        for (String stage :
                List.of("document fetch", "document extract", "document chunk", "document embed")) {
            assertThat(trace.find("ai-worker", stage, null))
                    .as(stage + " in " + trace)
                    .isPresent()
                    .get()
                    .extracting(Span::parentId)
                    .isEqualTo(received.id());
        }
        // and the logs: the ai-worker's line about the document carries the trace's id
        await("the ai-worker's log line of " + document)
                .atMost(TRACED_WITHIN)
                .until(
                        () ->
                                platform.aiWorker()
                                        .logText()
                                        .lines()
                                        .anyMatch(
                                                line ->
                                                        line.contains("Document version processed")
                                                                && line.contains(document)
                                                                && line.contains(
                                                                        "\"traceId\":\""
                                                                                + traceId
                                                                                + "\"")
                                                                && line.contains("\"spanId\":\"")));
        try (var connection = platform.database();
                var rows =
                        connection.prepareStatement(
                                "SELECT count(*) FROM query.document_chunk WHERE document_id = ?::uuid")) {
            rows.setString(1, document);
            try (var result = rows.executeQuery()) {
                result.next();
                assertThat(result.getInt(1)).as("the traced vectors in pgvector").isPositive();
            }
        }
        System.out.printf(
                "upload traced: %d spans across %s%n", trace.spans().size(), trace.services());
    }

    /**
     * The registration's integration event is the published contract: the trace ends at its send.
     */
    @Test
    void aRegistrationIsOneTraceFromTheRequestToTheSearchIndexAndItsPublication()
            throws SQLException {
        String member =
                platform.token("registrant-" + UUID.randomUUID().toString().substring(0, 8));
        Http.Reply registered =
                Http.to(platform.commandSide().url("/api/me")).bearer(member).post("{}");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String traceId = traceIdOf(registered.json().get("id").asText(), "UserEvent$Registered");

        Trace trace =
                awaitTrace(
                        traceId,
                        "command-side http post /api/me",
                        spans ->
                                spans.has("query-side", USERS_SEARCH, "Registered")
                                        && spans.has("command-side", "aic.users.v1 send", null));

        assertThat(
                        trace.ancestry(
                                trace.find("query-side", USERS_SEARCH, "Registered").orElseThrow()))
                .as(trace.toString())
                .containsSubsequence(
                        "command-side http post /api/me", "query-side " + USERS_SEARCH);
        assertThat(
                        trace.ancestry(
                                trace.find("command-side", "aic.users.v1 send", null)
                                        .orElseThrow()))
                .as(trace.toString())
                .containsSubsequence(
                        "command-side http post /api/me",
                        "command-side kafka-publisher",
                        "command-side aic.users.v1 send");
    }

    /** The trace id the command-side stored with the aggregate's first event of that type. */
    private String traceIdOf(String aggregate, String type) throws SQLException {
        try (var connection = platform.database();
                var query =
                        connection.prepareStatement(
                                """
                     SELECT convert_from(metadata, 'UTF8')::jsonb ->> 'traceId' FROM event_store.domainevententry
                     WHERE aggregateidentifier = ? AND payloadtype LIKE ? ORDER BY sequencenumber LIMIT 1""")) {
            query.setString(1, aggregate);
            query.setString(2, "%" + type);
            try (var result = query.executeQuery()) {
                assertThat(result.next()).as(type + " of " + aggregate).isTrue();
                assertThat(result.getString(1))
                        .as("the trace id in the event's metadata")
                        .matches("[0-9a-f]{32}");
                return result.getString(1);
            }
        }
    }

    /**
     * Waits until the trace holds the spans {@code complete} asks for and is connected from {@code
     * root}: each service reports its spans to Zipkin on its own schedule, so a later hop's span
     * can arrive before its parent.
     */
    private Trace awaitTrace(
            String traceId, String root, java.util.function.Predicate<Trace> complete) {
        Trace[] trace = {null};
        await("trace " + traceId + " complete in Zipkin")
                .atMost(TRACED_WITHIN)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(
                        () -> {
                            trace[0] = platform.zipkin().trace(traceId).map(Trace::of).orElse(null);
                            assertThat(trace[0]).as("trace " + traceId).isNotNull();
                            assertThat(complete.test(trace[0])).as(trace[0].toString()).isTrue();
                            trace[0].assertConnectedFrom(root);
                        });
        return trace[0];
    }

    record Span(String id, String parentId, String service, String name, String eventType) {

        static Span of(JsonNode json) {
            return new Span(
                    json.path("id").asText(),
                    json.path("parentId").asText(null),
                    json.path("localEndpoint").path("serviceName").asText(),
                    json.path("name").asText(),
                    json.path("tags").path("aic.event.type").asText(null));
        }

        String label() {
            return service + " " + name;
        }
    }

    record Trace(List<Span> spans) {

        static Trace of(JsonNode json) {
            return new Trace(
                    StreamSupport.stream(json.spliterator(), false).map(Span::of).toList());
        }

        boolean has(String service, String name, String eventType) {
            return find(service, name, eventType).isPresent();
        }

        Optional<Span> find(String service, String name, String eventType) {
            return spans.stream()
                    .filter(
                            span ->
                                    span.service().equals(service)
                                            && span.name().equals(name)
                                            && (eventType == null
                                                    || eventType.equals(span.eventType())))
                    .findFirst();
        }

        /** The spans from the root down to {@code span}, as "service name". */
        List<String> ancestry(Span span) {
            Map<String, Span> byId =
                    spans.stream()
                            .collect(Collectors.toMap(Span::id, Function.identity(), (a, b) -> a));
            List<String> path = new ArrayList<>();
            for (Span at = span;
                    at != null;
                    at = at.parentId() == null ? null : byId.get(at.parentId())) {
                path.add(0, at.label());
            }
            return path;
        }

        /** One root, the request's span; every other span's parent is in the trace. */
        void assertConnectedFrom(String root) {
            Set<String> ids = spans.stream().map(Span::id).collect(Collectors.toSet());
            assertThat(spans.stream().filter(span -> span.parentId() == null).map(Span::label))
                    .as(toString())
                    .containsExactly(root);
            assertThat(
                            spans.stream()
                                    .filter(
                                            span ->
                                                    span.parentId() != null
                                                            && !ids.contains(span.parentId()))
                                    .map(Span::label))
                    .as("spans whose parent is missing from " + this)
                    .isEmpty();
        }

        Set<String> services() {
            return spans.stream()
                    .map(Span::service)
                    .filter(Objects::nonNull)
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
        }

        @Override
        public String toString() {
            return spans.stream()
                    .map(
                            span ->
                                    span.label()
                                            + (span.eventType() == null
                                                    ? ""
                                                    : "(" + span.eventType() + ")")
                                            + " "
                                            + span.id()
                                            + "<-"
                                            + span.parentId())
                    .collect(Collectors.joining("\n  ", "trace:\n  ", ""));
        }
    }
}
