package dev.aic.queryside.document;

import static dev.aic.queryside.document.DocumentHistory.MINILM;
import static dev.aic.queryside.document.DocumentHistory.SHA;
import static dev.aic.queryside.document.DocumentHistory.chunks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpConfirmed;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpWaitlisted;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.document.DocumentEvent.ChunksEmbedded;
import dev.aic.contracts.document.DocumentEvent.ProcessingCompleted;
import dev.aic.contracts.document.DocumentEvent.ProcessingFailed;
import dev.aic.contracts.document.DocumentEvent.ProcessingStarted;
import dev.aic.contracts.document.DocumentEvent.ReprocessingRequested;
import dev.aic.contracts.document.DocumentEvent.VersionAdded;
import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.document.DocumentVisibility;
import dev.aic.contracts.document.ProcessingFailureReason;
import dev.aic.queryside.Api;
import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.queryside.document.DocumentHistory.Member;
import dev.aic.testsupport.DevIdentity;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** What members, attendees, owners, administrators and auditors read of documents over HTTP. */
@QuerySideIntegrationTest
class DocumentQueryIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired DocumentStatusStreams streams;
    @Autowired TestRestTemplate http;
    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;
    @Autowired EventProcessingConfiguration processing;
    @LocalServerPort int port;

    DocumentHistory history;
    Api api;

    @BeforeEach
    void connect() {
        history = new DocumentHistory(eventStore, jdbc, processing);
        api = new Api(http);
    }

    @Test
    void theOwnerSeesTheMetadataAndHowProcessingStands() {
        Member owner = history.member("Olive Owner");
        DocumentId id = history.upload(owner, "Attention", DocumentVisibility.MEMBERS, null);
        history.awaitProjected();

        ResponseEntity<Map> queued = api.get(owner.username(), "/api/documents/" + id);
        assertThat(queued.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(queued.getHeaders().getETag()).isEqualTo("\"0\"");
        assertThat(queued.getBody())
                .containsEntry("id", id.toString())
                .containsEntry("title", "Attention")
                .containsEntry("tags", List.of("notes", "ml"))
                .containsEntry("visibility", "MEMBERS")
                .containsEntry("owner", owner.uuid().toString())
                .containsEntry("currentVersion", 1)
                .containsEntry("contentType", "application/pdf")
                .containsEntry("sizeBytes", 2048)
                .containsEntry("originalFilename", "attention.pdf")
                .containsEntry("searchable", false)
                .containsKeys("createdAt", "updatedAt")
                .doesNotContainKeys("communityEventId", "searchableVersion");
        assertThat(queued.getBody().get("processing"))
                .isEqualTo(Map.of("documentVersion", 1, "status", "QUEUED", "chunksEmbedded", 0));

        history.publish(new ProcessingStarted(id, 1, MINILM));
        history.publish(new ChunksEmbedded(id, 1, MINILM, chunks(1, 0, 2)));
        history.awaitProjected();
        assertThat(processing(owner, id))
                .containsEntry("status", "EMBEDDING")
                .containsEntry("chunksEmbedded", 2)
                .containsEntry("model", "all-minilm-l6-v2")
                .containsKeys("startedAt", "updatedAt");

        history.publish(new ProcessingCompleted(id, 1, MINILM, 2));
        history.awaitProjected();
        ResponseEntity<Map> indexed = api.get(owner.username(), "/api/documents/" + id);
        assertThat(indexed.getBody())
                .containsEntry("searchable", true)
                .containsEntry("searchableVersion", 1);
        assertThat(processing(owner, id))
                .containsEntry("status", "INDEXED")
                .containsEntry("chunkCount", 2);
        assertThat(indexed.getHeaders().getETag()).isEqualTo("\"3\"");

        // a new version is queued, while search still answers from the first
        history.publish(
                new VersionAdded(id, 2, "text/plain", 99, SHA, "documents/" + id + "/2", "a.txt"));
        history.awaitProjected();
        ResponseEntity<Map> replaced = api.get(owner.username(), "/api/documents/" + id);
        assertThat(replaced.getBody())
                .containsEntry("currentVersion", 2)
                .containsEntry("searchable", true)
                .containsEntry("contentType", "text/plain")
                .containsEntry("originalFilename", "a.txt");
        assertThat(processing(owner, id))
                .containsEntry("status", "QUEUED")
                .containsEntry("documentVersion", 2);
    }

    @Test
    void eventDocumentsAreForTheEventsOrganisersAndAttendeesOnlyAndHiddenFromOthers() {
        Member owner = history.member("Uma Uploader");
        Member organizer = history.member("Otto Organiser");
        Member attendee = history.member("Ari Attendee");
        Member waiting = history.member("Wes Waiting");
        Member stranger = history.member("Sam Stranger");
        CommunityEventId event = history.communityEvent(organizer);
        history.communityEvent(new RsvpConfirmed(event, attendee.id()));
        history.communityEvent(new RsvpWaitlisted(event, waiting.id()));
        DocumentId forAttendees =
                history.upload(owner, "Slides", DocumentVisibility.EVENT_ATTENDEES, event);
        DocumentId forMembers = history.upload(owner, "Handout", DocumentVisibility.MEMBERS, null);
        DocumentId forEveryone = history.upload(owner, "Poster", DocumentVisibility.PUBLIC, null);
        history.awaitProjected();

        for (String reader :
                List.of(
                        owner.username(),
                        organizer.username(),
                        attendee.username(),
                        "adam",
                        "audrey")) {
            ResponseEntity<Map> response = api.get(reader, "/api/documents/" + forAttendees);
            assertThat(response.getStatusCode()).as(reader).isEqualTo(HttpStatus.OK);
            assertThat(response.getBody())
                    .as(reader)
                    .containsEntry("communityEventId", event.toString());
        }
        for (String outsider : List.of(waiting.username(), stranger.username(), "alice")) {
            ResponseEntity<Map> hidden = api.get(outsider, "/api/documents/" + forAttendees);
            assertThat(hidden.getStatusCode()).as(outsider).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(hidden.getHeaders().getContentType())
                    .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            // told apart from a document that does not exist by nothing
            assertThat(hidden.getBody())
                    .containsEntry("type", "urn:aic:problem:not-found")
                    .containsEntry("detail", "No document with id " + forAttendees);
            assertThat(api.get(outsider, "/api/documents/" + forMembers).getStatusCode())
                    .as(outsider)
                    .isEqualTo(HttpStatus.OK);
            assertThat(api.get(outsider, "/api/documents/" + forEveryone).getStatusCode())
                    .as(outsider)
                    .isEqualTo(HttpStatus.OK);
        }
        UUID nowhere = UUID.randomUUID();
        ResponseEntity<Map> unknown = api.get("alice", "/api/documents/" + nowhere);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody()).containsEntry("detail", "No document with id " + nowhere);
        assertThat(api.get("newbie", "/api/documents/" + forEveryone).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.get(null, "/api/documents/" + forEveryone).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void membersListTheirOwnDocumentsNewestFirstAPageAtATime() {
        Member owner = history.member("Pia Pages");
        Member other = history.member("Otis Other");
        DocumentId first = history.upload(owner, "First", DocumentVisibility.MEMBERS, null);
        DocumentId second = history.upload(owner, "Second", DocumentVisibility.PUBLIC, null);
        DocumentId third = history.upload(owner, "Third", DocumentVisibility.MEMBERS, null);
        history.upload(other, "Not hers", DocumentVisibility.MEMBERS, null);
        history.publish(new ProcessingStarted(third, 1, MINILM));
        history.awaitProjected();

        Map<String, Object> page =
                api.get(owner.username(), "/api/documents?owner=me&limit=2").getBody();
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        assertThat(items)
                .extracting(item -> item.get("id"))
                .containsExactly(third.toString(), second.toString());
        assertThat((Map<String, Object>) items.get(0).get("processing"))
                .containsEntry("status", "EXTRACTING");
        assertThat((Map<String, Object>) items.get(1).get("processing"))
                .containsEntry("status", "QUEUED");
        Map<String, Object> next =
                api.get(
                                owner.username(),
                                "/api/documents?owner=me&limit=2&cursor=" + page.get("nextCursor"))
                        .getBody();
        assertThat((List<Map<String, Object>>) next.get("items"))
                .extracting(item -> item.get("id"))
                .containsExactly(first.toString());
        assertThat(next).doesNotContainKey("nextCursor");

        ResponseEntity<Map> someoneElses =
                api.get(owner.username(), "/api/documents?owner=" + other.uuid());
        assertThat(someoneElses.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<Map> altered =
                api.get(owner.username(), "/api/documents?owner=me&cursor=abc");
        assertThat(altered.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(altered.getBody()).containsEntry("type", "urn:aic:problem:invalid-cursor");
        // alice has a role but no platform account: she has no documents to list
        assertThat(api.get("alice", "/api/documents?owner=me").getBody())
                .containsEntry("type", "urn:aic:problem:not-registered");
    }

    @Test
    void administratorsSeeTheProcessingFailuresUntilARetryIsRequested() {
        Member owner = history.member("Flo Failure");
        DocumentId id = history.upload(owner, "Encrypted", DocumentVisibility.MEMBERS, null);
        history.publish(new ProcessingStarted(id, 1, MINILM));
        history.publish(
                new ProcessingFailed(
                        id,
                        1,
                        MINILM,
                        ProcessingFailureReason.ENCRYPTED,
                        "the PDF asks for a password"));
        history.awaitProjected();

        ResponseEntity<Map> failures =
                api.get("adam", "/api/documents/processing-failures?limit=100");
        assertThat(failures.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> failure =
                ((List<Map<String, Object>>) failures.getBody().get("items"))
                        .stream()
                                .filter(item -> item.get("documentId").equals(id.toString()))
                                .findFirst()
                                .orElseThrow();
        assertThat(failure)
                .containsEntry("title", "Encrypted")
                .containsEntry("owner", owner.uuid().toString())
                .containsEntry("documentVersion", 1)
                .containsEntry("model", "all-minilm-l6-v2")
                .containsEntry("reason", "ENCRYPTED")
                .containsEntry("detail", "the PDF asks for a password")
                .containsKeys("startedAt", "failedAt");
        assertThat(processing(owner, id))
                .containsEntry("status", "FAILED")
                .containsEntry("failureReason", "ENCRYPTED")
                .containsEntry("failureDetail", "the PDF asks for a password");

        for (String notAdmin : List.of(owner.username(), "alice", "audrey")) {
            ResponseEntity<Map> forbidden = api.get(notAdmin, "/api/documents/processing-failures");
            assertThat(forbidden.getStatusCode()).as(notAdmin).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(forbidden.getBody()).containsEntry("type", "urn:aic:problem:forbidden");
        }

        history.publish(
                new ReprocessingRequested(
                        id, 1, "application/pdf", 2048, SHA, "documents/" + id + "/1"));
        history.awaitProjected();
        assertThat(
                        api.get("adam", "/api/documents/processing-failures?limit=100")
                                .getBody()
                                .get("items")
                                .toString())
                .doesNotContain(id.toString());
        assertThat(processing(owner, id)).containsEntry("status", "QUEUED");
    }

    @Test
    void theStatusStreamFollowsARunUntilItIsIndexedAndThenEnds() throws Exception {
        Member owner = history.member("Stella Stream");
        DocumentId id = history.upload(owner, "Streamed", DocumentVisibility.MEMBERS, null);
        history.awaitProjected();

        List<String> statuses = new CopyOnWriteArrayList<>();
        HttpRequest request =
                HttpRequest.newBuilder(
                                URI.create(
                                        "http://127.0.0.1:"
                                                + port
                                                + "/api/documents/"
                                                + id
                                                + "/status/stream"))
                        .header(
                                "Authorization",
                                "Bearer " + DevIdentity.start().accessToken(owner.username()))
                        .header("Accept", "text/event-stream")
                        .timeout(Duration.ofSeconds(60))
                        .build();
        HttpResponse<java.util.stream.Stream<String>> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("text/event-stream");
        CompletableFuture<Void> ended =
                CompletableFuture.runAsync(
                        () ->
                                response.body()
                                        .filter(line -> line.startsWith("data:"))
                                        .forEach(
                                                line ->
                                                        statuses.add(
                                                                status(
                                                                        line.substring(
                                                                                "data:"
                                                                                        .length())))));

        await().atMost(Duration.ofSeconds(10)).until(() -> statuses.contains("QUEUED"));
        history.publish(new ProcessingStarted(id, 1, MINILM));
        await().atMost(Duration.ofSeconds(10)).until(() -> statuses.contains("EXTRACTING"));
        history.publish(new ChunksEmbedded(id, 1, MINILM, chunks(1, 0, 2)));
        await().atMost(Duration.ofSeconds(10)).until(() -> statuses.contains("EMBEDDING/2"));
        history.publish(new ChunksEmbedded(id, 1, MINILM, chunks(1, 2, 3)));
        await().atMost(Duration.ofSeconds(10)).until(() -> statuses.contains("EMBEDDING/3"));
        history.publish(new ProcessingCompleted(id, 1, MINILM, 3));

        await().atMost(Duration.ofSeconds(10)).until(ended::isDone);
        assertThat(statuses)
                .containsExactly("QUEUED", "EXTRACTING", "EMBEDDING/2", "EMBEDDING/3", "INDEXED");

        // someone who may not read the document learns nothing of it
        HttpResponse<String> hidden =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://127.0.0.1:"
                                                                + port
                                                                + "/api/documents/"
                                                                + UUID.randomUUID()
                                                                + "/status/stream"))
                                        .header(
                                                "Authorization",
                                                "Bearer "
                                                        + DevIdentity.start().accessToken("alice"))
                                        .header("Accept", "text/event-stream")
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(hidden.body()).contains("urn:aic:problem:not-found");
    }

    @Test
    void oneCallerHasOnlyAFewStreamsOpenAndStreamsOfOneDocumentShareOnePoll() throws Exception {
        Member owner = history.member("Cora Capped");
        DocumentId id = history.upload(owner, "Capped", DocumentVisibility.MEMBERS, null);
        history.awaitProjected();
        int watchedBefore = streams.watchedDocuments();
        HttpClient client = HttpClient.newHttpClient();
        List<HttpResponse<InputStream>> open = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                open.add(
                        client.send(
                                statusStream(owner.username(), id),
                                HttpResponse.BodyHandlers.ofInputStream()));
            }
            HttpResponse<String> fifth =
                    client.send(
                            statusStream(owner.username(), id),
                            HttpResponse.BodyHandlers.ofString());
            open.add(
                    client.send(
                            statusStream("bob", id), HttpResponse.BodyHandlers.ofInputStream()));

            assertThat(open).extracting(HttpResponse::statusCode).containsOnly(200);
            assertThat(fifth.statusCode()).isEqualTo(429);
            assertThat(fifth.body()).contains("urn:aic:problem:too-many-streams");
            assertThat(streams.watchedDocuments()).isEqualTo(watchedBefore + 1);
        } finally {
            for (HttpResponse<InputStream> stream : open) {
                stream.body().close();
            }
        }
    }

    private HttpRequest statusStream(String username, DocumentId id) {
        return HttpRequest.newBuilder(
                        URI.create(
                                "http://127.0.0.1:"
                                        + port
                                        + "/api/documents/"
                                        + id
                                        + "/status/stream"))
                .header("Authorization", "Bearer " + DevIdentity.start().accessToken(username))
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    @Test
    void aSettledDocumentsStreamSendsItsStatusOnceAndEnds() throws Exception {
        Member owner = history.member("Sid Settled");
        DocumentId id = history.upload(owner, "Done", DocumentVisibility.MEMBERS, null);
        history.publish(new ProcessingStarted(id, 1, MINILM));
        history.publish(
                new ProcessingFailed(
                        id, 1, MINILM, ProcessingFailureReason.NO_TEXT, "only images"));
        history.awaitProjected();

        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://127.0.0.1:"
                                                                + port
                                                                + "/api/documents/"
                                                                + id
                                                                + "/status/stream"))
                                        .header(
                                                "Authorization",
                                                "Bearer " + DevIdentity.start().accessToken("bob"))
                                        .timeout(Duration.ofSeconds(30))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("event:status")
                .contains("\"status\":\"FAILED\"")
                .contains("\"failureReason\":\"NO_TEXT\"");
        assertThat(response.body().lines().filter(line -> line.startsWith("data:")).count())
                .isEqualTo(1);
    }

    private Map<String, Object> processing(Member reader, DocumentId id) {
        return (Map<String, Object>)
                api.get(reader.username(), "/api/documents/" + id).getBody().get("processing");
    }

    /** A status event as STATUS, or STATUS/chunksEmbedded while embedding. */
    private static String status(String data) {
        try {
            JsonNode processing = JSON.readTree(data).path("processing");
            String status = processing.path("status").asText();
            return status.equals("EMBEDDING")
                    ? status + "/" + processing.path("chunksEmbedded").asInt()
                    : status;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Not JSON: " + data, e);
        }
    }
}
