package dev.aic.queryside.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.content.ContentStoreProperties;
import dev.aic.content.FilesystemContentStore;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.document.DocumentEvent.Uploaded;
import dev.aic.contracts.document.DocumentEvent.VersionAdded;
import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.document.DocumentVisibility;
import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.queryside.document.DocumentHistory.Member;
import dev.aic.testsupport.DevIdentity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Opening the source: a reader downloads a document's original bytes, whole or a range at a time,
 * as a PDF viewer does, while those who may not read it learn nothing of it. The bytes are stored
 * where the command-side stores uploads (the same filesystem store, written the way it writes) and
 * the upload is recorded in the event store; the query-side projects it and serves it.
 */
@QuerySideIntegrationTest
class DocumentContentIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final int MIB = 1 << 20;

    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;
    @Autowired EventProcessingConfiguration processing;
    @Autowired ContentStoreProperties contentStore;
    @LocalServerPort int port;
    @TempDir Path work;

    DocumentHistory history;
    FilesystemContentStore uploads;

    @BeforeEach
    void connect() {
        history = new DocumentHistory(eventStore, jdbc, processing);
        uploads = new FilesystemContentStore(contentStore.directory());
    }

    @Test
    void aMemberDownloadsALargePdfARangeAtATimeAndGetsTheUploadedBytes() throws Exception {
        Member owner = history.member("Mona Manual");
        Member reader = history.member("Rita Reader");
        byte[] pdf =
                SamplePdf.of(
                        List.of("Installing the platform", "Backing it up", "Restoring it"),
                        3 * MIB + 12_345);
        DocumentId id =
                upload(
                        owner,
                        DocumentVisibility.MEMBERS,
                        null,
                        pdf,
                        "application/pdf",
                        "Operations manual.pdf");
        history.awaitProjected();
        String etag = "\"" + sha256(pdf) + "\"";
        String content = "/api/documents/" + id + "/content";

        HttpResponse<byte[]> whole = get(reader, content, Map.of());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(sha256(whole.body())).isEqualTo(sha256(pdf));
        assertThat(header(whole, "Content-Type")).isEqualTo("application/pdf");
        assertThat(header(whole, "Content-Length")).isEqualTo(Integer.toString(pdf.length));
        assertThat(header(whole, "ETag")).isEqualTo(etag);
        assertThat(header(whole, "Accept-Ranges")).isEqualTo("bytes");
        assertThat(header(whole, "Content-Disposition"))
                .isEqualTo(
                        "inline; filename=\"Operations manual.pdf\"; filename*=UTF-8''Operations%20manual.pdf");
        assertThat(whole.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(header(whole, "Content-Security-Policy"))
                .isEqualTo("default-src 'none'; object-src 'self'");
        assertThat(header(whole, "Cache-Control")).contains("private").contains("no-cache");

        // as a viewer fetches a large PDF: one range after another, each checked against the whole
        ByteArrayOutputStream reassembled = new ByteArrayOutputStream();
        int ranges = 0;
        for (long first = 0; first < pdf.length; first += MIB) {
            long last = Math.min(first + MIB, pdf.length) - 1;
            HttpResponse<byte[]> part =
                    get(
                            reader,
                            content,
                            Map.of(
                                    "Range",
                                    "bytes=" + first + "-" + (first + MIB - 1),
                                    "If-Range",
                                    etag));
            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(header(part, "Content-Range"))
                    .isEqualTo("bytes " + first + "-" + last + "/" + pdf.length);
            assertThat(part.body()).hasSize((int) (last - first + 1));
            reassembled.writeBytes(part.body());
            ranges++;
        }
        assertThat(ranges).isEqualTo(4);
        assertThat(sha256(reassembled.toByteArray())).isEqualTo(sha256(pdf));
        HttpResponse<byte[]> trailer = get(reader, content, Map.of("Range", "bytes=-1024"));
        assertThat(trailer.statusCode()).isEqualTo(206);
        assertThat(new String(trailer.body(), StandardCharsets.ISO_8859_1)).endsWith("%%EOF\n");

        // the copy the reader holds is still the content: nothing is sent again
        HttpResponse<byte[]> unchanged = get(reader, content, Map.of("If-None-Match", etag));
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(header(unchanged, "ETag")).isEqualTo(etag);
        // a range of other content than the client holds is not mixed into its copy: the whole
        // content instead
        HttpResponse<byte[]> stale =
                get(reader, content, Map.of("Range", "bytes=0-99", "If-Range", "\"older\""));
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).hasSize(pdf.length);
    }

    @Test
    void rangesThatCannotBeServedAndBadParametersAreProblems() throws Exception {
        Member owner = history.member("Rhea Ranges");
        byte[] text = "Ranges, offsets and lengths.\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        DocumentId id =
                upload(owner, DocumentVisibility.MEMBERS, null, text, "text/plain", "ranges.txt");
        history.awaitProjected();
        String content = "/api/documents/" + id + "/content";

        for (String range :
                List.of(
                        "bytes=" + text.length + "-",
                        "bytes=99999-100000",
                        "bytes=-0",
                        "bytes=abc",
                        "bytes=20-10",
                        "bytes")) {
            HttpResponse<byte[]> refused = get(owner, content, Map.of("Range", range));
            assertThat(refused.statusCode()).as(range).isEqualTo(416);
            assertThat(header(refused, "Content-Range"))
                    .as(range)
                    .isEqualTo("bytes */" + text.length);
            assertThat(problem(refused).path("type").asText())
                    .as(range)
                    .isEqualTo("urn:aic:problem:range-not-satisfiable");
        }
        // several ranges, or another unit, are ignored (RFC 9110 §14.2): the whole content
        assertThat(get(owner, content, Map.of("Range", "bytes=0-1,5-6")).body()).isEqualTo(text);
        assertThat(get(owner, content, Map.of("Range", "lines=1-2")).statusCode()).isEqualTo(200);

        for (String version : List.of("0", "-1", "abc", "99999999999", "1.5")) {
            HttpResponse<byte[]> invalid = get(owner, content + "?version=" + version, Map.of());
            assertThat(invalid.statusCode()).as(version).isEqualTo(400);
            assertThat(problem(invalid).path("type").asText())
                    .as(version)
                    .isEqualTo("urn:aic:problem:validation");
        }
        HttpResponse<byte[]> noSuchVersion = get(owner, content + "?version=2", Map.of());
        assertThat(noSuchVersion.statusCode()).isEqualTo(404);
        assertThat(problem(noSuchVersion).path("detail").asText())
                .isEqualTo("No version 2 of document " + id);
        HttpResponse<byte[]> malformedId =
                get(owner, "/api/documents/not-a-uuid/content", Map.of());
        assertThat(malformedId.statusCode()).isEqualTo(400);
        assertThat(problem(malformedId).path("type").asText())
                .isEqualTo("urn:aic:problem:validation");
    }

    @Test
    void anOutsiderGetsTheSame404AsForADocumentThatDoesNotExist() throws Exception {
        Member owner = history.member("Orla Organiser");
        Member outsider = history.member("Otto Outsider");
        CommunityEventId event = history.communityEvent(owner);
        byte[] slides = SamplePdf.of(List.of("Attendees only"), 10_000);
        DocumentId id =
                upload(
                        owner,
                        DocumentVisibility.EVENT_ATTENDEES,
                        event,
                        slides,
                        "application/pdf",
                        "slides.pdf");
        history.awaitProjected();

        assertThat(sha256(get(owner, "/api/documents/" + id + "/content", Map.of()).body()))
                .isEqualTo(sha256(slides));
        for (Map.Entry<String, String> ask :
                Map.of("whole", "", "range", "bytes=0-99", "bad range", "bytes=abc").entrySet()) {
            Map<String, String> headers =
                    ask.getValue().isEmpty() ? Map.of() : Map.of("Range", ask.getValue());
            HttpResponse<byte[]> hidden =
                    get(outsider, "/api/documents/" + id + "/content", headers);
            assertThat(hidden.statusCode()).as(ask.getKey()).isEqualTo(404);
            assertThat(header(hidden, "Content-Type")).isEqualTo("application/problem+json");
            assertThat(problem(hidden).path("detail").asText())
                    .isEqualTo("No document with id " + id);
        }
        UUID nowhere = UUID.randomUUID();
        HttpResponse<byte[]> unknown =
                get(outsider, "/api/documents/" + nowhere + "/content", Map.of());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(problem(unknown).path("detail").asText())
                .isEqualTo("No document with id " + nowhere);
        assertThat(get(null, "/api/documents/" + id + "/content", Map.of()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void htmlAndSvgAreDownloadedAsAttachmentsSandboxedUnderASafeName() throws Exception {
        Member owner = history.member("Hal Html");
        byte[] page =
                "<html><body><script>alert(document.cookie)</script></body></html>"
                        .getBytes(StandardCharsets.UTF_8);
        DocumentId html =
                upload(
                        owner,
                        DocumentVisibility.PUBLIC,
                        null,
                        page,
                        "text/html",
                        "..\\reports/\"Q3\"\r\nSet-Cookie: x=1;\u202Elmth.html");
        byte[] picture =
                "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"
                        .getBytes(StandardCharsets.UTF_8);
        DocumentId svg =
                upload(
                        owner,
                        DocumentVisibility.PUBLIC,
                        null,
                        picture,
                        "image/svg+xml",
                        "logo.svg");
        history.awaitProjected();

        HttpResponse<byte[]> downloaded =
                get(owner, "/api/documents/" + html + "/content", Map.of());
        assertThat(downloaded.statusCode()).isEqualTo(200);
        assertThat(downloaded.body()).isEqualTo(page);
        assertThat(header(downloaded, "Content-Disposition"))
                .isEqualTo(
                        "attachment;"
                                + " filename=\"_Q3_Set-Cookie_ x_1_lmth.html\"; filename*=UTF-8''%22Q3%22Set-Cookie%3A%20x%3D1%3Blmth.html");
        assertThat(header(downloaded, "Content-Security-Policy")).endsWith("; sandbox");
        assertThat(downloaded.headers().allValues("X-Content-Type-Options"))
                .containsExactly("nosniff");
        HttpResponse<byte[]> image = get(owner, "/api/documents/" + svg + "/content", Map.of());
        assertThat(header(image, "Content-Type")).isEqualTo("image/svg+xml");
        assertThat(header(image, "Content-Disposition"))
                .startsWith("attachment; filename=\"logo.svg\"");
        assertThat(header(image, "Content-Security-Policy")).endsWith("; sandbox");
    }

    @Test
    void theCurrentVersionIsServedAndAnEarlierOneWhenAskedFor() throws Exception {
        Member owner = history.member("Vera Versions");
        byte[] first = SamplePdf.of(List.of("First edition"), 5_000);
        DocumentId id =
                upload(
                        owner,
                        DocumentVisibility.MEMBERS,
                        null,
                        first,
                        "application/pdf",
                        "guide.pdf");
        byte[] second = "Second edition, as text.\n".getBytes(StandardCharsets.UTF_8);
        String key = "documents/" + id + "/" + UUID.randomUUID();
        uploads.put(key, Files.write(work.resolve("second.txt"), second), "text/plain");
        history.publish(
                new VersionAdded(
                        id, 2, "text/plain", second.length, sha256(second), key, "guide.txt"));
        history.awaitProjected();

        HttpResponse<byte[]> current = get(owner, "/api/documents/" + id + "/content", Map.of());
        assertThat(current.body()).isEqualTo(second);
        assertThat(header(current, "Content-Type")).startsWith("text/plain");
        assertThat(header(current, "Content-Disposition"))
                .startsWith("inline; filename=\"guide.txt\"");
        HttpResponse<byte[]> earlier =
                get(owner, "/api/documents/" + id + "/content?version=1", Map.of());
        assertThat(earlier.body()).isEqualTo(first);
        assertThat(header(earlier, "ETag")).isEqualTo("\"" + sha256(first) + "\"");
        assertThat(header(earlier, "Content-Type")).isEqualTo("application/pdf");
    }

    /**
     * Stores the bytes as the command-side does and records the upload; returns the document's id.
     */
    private DocumentId upload(
            Member owner,
            DocumentVisibility visibility,
            CommunityEventId event,
            byte[] bytes,
            String contentType,
            String filename)
            throws IOException {
        DocumentId id = new DocumentId(UUID.randomUUID());
        String key = "documents/" + id + "/" + UUID.randomUUID();
        uploads.put(
                key, Files.write(work.resolve(UUID.randomUUID() + ".upload"), bytes), contentType);
        history.publish(
                new Uploaded(
                        id,
                        1,
                        owner.id(),
                        "Document " + filename.length(),
                        List.of("manual"),
                        visibility,
                        event,
                        contentType,
                        bytes.length,
                        sha256(bytes),
                        key,
                        filename));
        return id;
    }

    private HttpResponse<byte[]> get(Member member, String path, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(30));
        if (member != null) {
            request.header(
                    "Authorization",
                    "Bearer " + DevIdentity.start().accessToken(member.username()));
        }
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private static JsonNode problem(HttpResponse<byte[]> response) throws IOException {
        assertThat(header(response, "Content-Type")).isEqualTo("application/problem+json");
        return JSON.readTree(response.body());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
