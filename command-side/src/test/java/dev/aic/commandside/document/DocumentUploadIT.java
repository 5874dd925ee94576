package dev.aic.commandside.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.commandside.Api;
import dev.aic.content.ContentStore;
import dev.aic.contracts.integration.IntegrationHeaders;
import dev.aic.contracts.integration.Topics;
import dev.aic.testsupport.DevIdentity;
import dev.aic.testsupport.Infrastructure;
import dev.aic.testsupport.RealInfrastructure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Uploads over real HTTP into the filesystem store, the event store and Kafka, with a 1 MB limit.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "aic.documents.max-bytes=1MB")
@ContextConfiguration(initializers = RealInfrastructure.class)
@SuppressWarnings("rawtypes")
class DocumentUploadIT {

    private static final Path CONTENT;

    static {
        try {
            CONTENT = Files.createTempDirectory("aic-it-content-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void contentDirectory(DynamicPropertyRegistry registry) {
        registry.add("aic.content.directory", CONTENT::toString);
    }

    @Autowired TestRestTemplate http;
    @org.springframework.boot.test.web.server.LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired ContentStore store;
    @Autowired ObjectMapper json;

    @BeforeEach
    void membersAreRegistered() {
        Stream.of("alice", "bob")
                .forEach(
                        user ->
                                assertThat(
                                                new Api(http)
                                                        .call(
                                                                user,
                                                                HttpMethod.POST,
                                                                "/api/me",
                                                                Map.of())
                                                        .getStatusCode())
                                        .isIn(HttpStatus.CREATED, HttpStatus.CONFLICT));
    }

    @Test
    void aPdfSentAsPlainTextIsStoredAsAPdfWithItsHashAnEventAndAKafkaRecord() throws IOException {
        byte[] pdf = pdf("Attention " + UUID.randomUUID());

        ResponseEntity<Map> response =
                upload("alice", pdf, "attention.pdf", MediaType.TEXT_PLAIN, "PUBLIC");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = (String) response.getBody().get("id");
        assertThat(response.getHeaders().getLocation()).hasToString("/api/documents/" + id);
        assertThat(response.getHeaders().getETag()).isEqualTo("\"0\"");
        assertThat(response.getBody())
                .containsEntry("contentType", "application/pdf")
                .containsEntry("sha256", sha256(pdf))
                .containsEntry("sizeBytes", pdf.length)
                .containsEntry("contentVersion", 1)
                .containsEntry("duplicate", false);
        JsonNode event = storedEvent(id, "Uploaded");
        assertThat(event.get("contentType").asText()).isEqualTo("application/pdf");
        assertThat(event.get("sha256").asText()).isEqualTo(sha256(pdf));
        assertThat(event.get("originalFilename").asText()).isEqualTo("attention.pdf");
        assertThat(event.get("tags").toString()).isEqualTo("[\"nlp\",\"papers\"]");
        try (InputStream stored = store.get(event.get("storageKey").asText())) {
            assertThat(stored.readAllBytes()).isEqualTo(pdf);
        }

        ConsumerRecord<String, String> record =
                published(id, "DocumentVersionReadyIntegrationEvent");
        JsonNode ready = json.readTree(record.value());
        assertThat(ready.get("version").asInt()).isEqualTo(1);
        assertThat(ready.get("sha256").asText()).isEqualTo(sha256(pdf));
        assertThat(ready.get("storageKey").asText()).isEqualTo(event.get("storageKey").asText());
        assertThat(ready.get("sizeBytes").asLong()).isEqualTo(pdf.length);
    }

    @Test
    void theSameBytesAgainFromTheSameMemberAnswerTheirDocumentAndStoreNothing() {
        byte[] notes =
                ("# Notes " + UUID.randomUUID() + "\n\nWhat we said about retrieval.\n")
                        .getBytes(StandardCharsets.UTF_8);
        ResponseEntity<Map> first =
                upload("alice", notes, "notes.md", MediaType.APPLICATION_OCTET_STREAM, "MEMBERS");
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(first.getBody()).containsEntry("contentType", "text/markdown");
        long events = documentEvents();
        long files = storedFiles();

        ResponseEntity<Map> again =
                upload("alice", notes, "renamed.md", MediaType.TEXT_MARKDOWN, "PUBLIC");

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody())
                .containsEntry("id", first.getBody().get("id"))
                .containsEntry("duplicate", true);
        assertThat(again.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
        assertThat(documentEvents()).isEqualTo(events);
        assertThat(storedFiles()).isEqualTo(files);

        ResponseEntity<Map> someoneElse =
                upload("bob", notes, "notes.md", MediaType.TEXT_PLAIN, "MEMBERS");
        assertThat(someoneElse.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(someoneElse.getBody().get("id")).isNotEqualTo(first.getBody().get("id"));
    }

    @Test
    void wordDocumentsAreRecognisedButAZipOrAProgramNamedPdfIsRefused() {
        ResponseEntity<Map> docx =
                upload(
                        "alice",
                        docx("Minutes " + UUID.randomUUID()),
                        "minutes.docx",
                        MediaType.APPLICATION_OCTET_STREAM,
                        "MEMBERS");
        assertThat(docx.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(docx.getBody()).containsEntry("contentType", ContentTypes.DOCX);
        long events = documentEvents();
        long files = storedFiles();

        ResponseEntity<Map> zip =
                upload("alice", zip(), "paper.pdf", MediaType.APPLICATION_PDF, "PUBLIC");
        byte[] program = new byte[2048];
        program[0] = 'M';
        program[1] = 'Z';
        ResponseEntity<Map> exe =
                upload("alice", program, "paper.pdf", MediaType.APPLICATION_PDF, "PUBLIC");
        ResponseEntity<Map> zipAsDocx =
                upload("alice", zip(), "fake.docx", MediaType.APPLICATION_OCTET_STREAM, "PUBLIC");

        for (ResponseEntity<Map> refused : List.of(zip, exe, zipAsDocx)) {
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
            assertThat(refused.getHeaders().getContentType())
                    .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(refused.getBody())
                    .containsEntry("type", "urn:aic:problem:unsupported-content-type");
        }
        assertThat(documentEvents()).isEqualTo(events);
        assertThat(storedFiles()).isEqualTo(files);
    }

    @Test
    void tooLargeOrEmptyFilesAndBadFormsAreRefusedAndNothingIsStored() {
        long events = documentEvents();
        long files = storedFiles();

        // above the request limit (file limit + 64 KB for the form): refused by its Content-Length
        ResponseEntity<Map> farTooLarge =
                upload("alice", new byte[1_300_000], "big.txt", MediaType.TEXT_PLAIN, "PUBLIC");
        // within the request limit, over the file limit: refused while the container reads it
        ResponseEntity<Map> tooLarge =
                upload(
                        "alice",
                        new byte[1024 * 1024 + 10_000],
                        "big.txt",
                        MediaType.TEXT_PLAIN,
                        "PUBLIC");
        ResponseEntity<Map> empty =
                upload("alice", new byte[0], "empty.txt", MediaType.TEXT_PLAIN, "PUBLIC");
        ResponseEntity<Map> noEvent =
                upload(
                        "alice",
                        "text".getBytes(StandardCharsets.UTF_8),
                        "a.txt",
                        MediaType.TEXT_PLAIN,
                        "EVENT_ATTENDEES");

        for (ResponseEntity<Map> refused : List.of(farTooLarge, tooLarge)) {
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
            assertThat(refused.getBody())
                    .containsEntry("type", "urn:aic:problem:payload-too-large");
        }
        assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(empty.getBody()).containsEntry("type", "urn:aic:problem:empty-file");
        assertThat(noEvent.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noEvent.getBody()).containsEntry("type", "urn:aic:problem:validation");
        MultiValueMap<String, Object> untitled = new LinkedMultiValueMap<>();
        untitled.add(
                "file",
                part("text".getBytes(StandardCharsets.UTF_8), "a.txt", MediaType.TEXT_PLAIN));
        untitled.add("title", " ");
        untitled.add("visibility", "EVERYONE");
        ResponseEntity<Map> badForm =
                http.exchange(
                        "/api/documents",
                        HttpMethod.POST,
                        multipart("alice", untitled, null),
                        Map.class);
        assertThat(badForm.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badForm.getBody()).containsEntry("type", "urn:aic:problem:validation");
        assertThat(documentEvents()).isEqualTo(events);
        assertThat(storedFiles()).isEqualTo(files);

        // every other endpoint keeps its 64 KB limit
        ResponseEntity<Map> bigJson =
                new Api(http)
                        .call(
                                "alice",
                                HttpMethod.PUT,
                                "/api/users/" + UUID.randomUUID() + "/profile",
                                Map.of("displayName", "x".repeat(100_000)));
        assertThat(bigJson.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    }

    @Test
    void theOwnerReplacesTheContentAndDeletesTheDocumentWithAllItsContent() throws IOException {
        byte[] v1 = ("v1 " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        byte[] v2 = pdf("v2 " + UUID.randomUUID());
        String id =
                (String)
                        upload("alice", v1, "talk.txt", MediaType.TEXT_PLAIN, "PUBLIC")
                                .getBody()
                                .get("id");

        ResponseEntity<Map> byBob = replace("bob", id, v2, "talk.pdf", "\"0\"");
        ResponseEntity<Map> replaced = replace("alice", id, v2, "talk.pdf", "\"0\"");
        ResponseEntity<Map> sameAgain = replace("alice", id, v2, "talk.pdf", null);
        ResponseEntity<Map> stale = replace("alice", id, v1, "talk.txt", "\"0\"");

        assertThat(byBob.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(replaced.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(replaced.getBody())
                .containsEntry("contentVersion", 2)
                .containsEntry("version", 1)
                .containsEntry("contentType", "application/pdf");
        assertThat(sameAgain.getBody())
                .containsEntry("contentVersion", 2)
                .containsEntry("version", 1);
        assertThat(stale.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
        JsonNode added = storedEvent(id, "VersionAdded");
        assertThat(added.get("version").asInt()).isEqualTo(2);
        String key1 = storedEvent(id, "Uploaded").get("storageKey").asText();
        String key2 = added.get("storageKey").asText();
        assertThat(store.exists(key1)).isTrue();
        assertThat(store.exists(key2)).isTrue();
        assertThat(Files.list(CONTENT.resolve("documents").resolve(id))).hasSize(2);
        assertThat(
                        new Api(http)
                                .call("bob", HttpMethod.DELETE, "/api/documents/" + id, null)
                                .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<Map> deleted =
                new Api(http).call("alice", HttpMethod.DELETE, "/api/documents/" + id, null);
        ResponseEntity<Map> deletedAgain =
                new Api(http).call("alice", HttpMethod.DELETE, "/api/documents/" + id, null);

        assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(deleted.getBody()).containsEntry("version", 2);
        assertThat(deletedAgain.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(deletedAgain.getBody()).containsEntry("version", 2);
        assertThat(storedEvent(id, "Deleted").get("storageKeys").size()).isEqualTo(2);
        assertThat(store.exists(key1)).isFalse();
        assertThat(store.exists(key2)).isFalse();
        assertThat(replace("alice", id, v1, "talk.txt", null).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        published(id, "DocumentDeletedIntegrationEvent");
        // the bytes are free again: uploading them makes a new document
        ResponseEntity<Map> reupload =
                upload("alice", v2, "talk.pdf", MediaType.APPLICATION_PDF, "PUBLIC");
        assertThat(reupload.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void aMemberSendsTwoUploadsAtOnceAndTheThirdIsRefusedBeforeItsBytesAreReceived()
            throws IOException {
        List<Socket> slowUploads = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                slowUploads.add(startSlowUpload("bob"));
            }

            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> {
                                ResponseEntity<Map> third =
                                        upload(
                                                "bob",
                                                ("third " + UUID.randomUUID())
                                                        .getBytes(StandardCharsets.UTF_8),
                                                "third.txt",
                                                MediaType.TEXT_PLAIN,
                                                "PUBLIC");
                                assertThat(third.getStatusCode())
                                        .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                                assertThat(third.getBody())
                                        .containsEntry("type", "urn:aic:problem:too-many-uploads");
                            });
            ResponseEntity<Map> someoneElses =
                    upload(
                            "alice",
                            ("alice's " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8),
                            "notes.txt",
                            MediaType.TEXT_PLAIN,
                            "PUBLIC");
            assertThat(someoneElses.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        } finally {
            for (Socket socket : slowUploads) {
                socket.close();
            }
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                assertThat(
                                                upload(
                                                                "bob",
                                                                ("after " + UUID.randomUUID())
                                                                        .getBytes(
                                                                                StandardCharsets
                                                                                        .UTF_8),
                                                                "after.txt",
                                                                MediaType.TEXT_PLAIN,
                                                                "PUBLIC")
                                                        .getStatusCode())
                                        .isEqualTo(HttpStatus.CREATED));
    }

    @Test
    void aChunkedMultipartBodyToAPathThatTakesNoUploadIsRefusedBeforeItIsRead() throws IOException {
        String boundary = "chunked" + UUID.randomUUID().toString().replace("-", "");
        String chunk =
                "--"
                        + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n\r\n"
                        + "x".repeat(1000);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            // the first of an endless series of chunks: before, the container kept reading them to
            // temporary disk
            out.write(
                    ("POST /api/events HTTP/1.1\r\nHost: 127.0.0.1:"
                                    + port
                                    + "\r\n"
                                    + "Authorization: Bearer "
                                    + DevIdentity.start().accessToken("olivia")
                                    + "\r\n"
                                    + "Content-Type: multipart/form-data; boundary="
                                    + boundary
                                    + "\r\n"
                                    + "Transfer-Encoding: chunked\r\n\r\n"
                                    + Integer.toHexString(chunk.length())
                                    + "\r\n"
                                    + chunk
                                    + "\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String statusLine =
                    new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);

            assertThat(statusLine).isEqualTo("HTTP/1.1 415");
        }
    }

    /** An upload whose headers and first bytes are sent, and whose other megabyte never comes. */
    private Socket startSlowUpload(String user) throws IOException {
        String boundary = "slow" + UUID.randomUUID().toString().replace("-", "");
        String start =
                "--"
                        + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"slow.txt\"\r\n"
                        + "Content-Type: text/plain\r\n\r\nthe first bytes of a long file";
        Socket socket = new Socket("127.0.0.1", port);
        OutputStream out = socket.getOutputStream();
        out.write(
                ("POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1:"
                                + port
                                + "\r\n"
                                + "Authorization: Bearer "
                                + DevIdentity.start().accessToken(user)
                                + "\r\n"
                                + "Content-Type: multipart/form-data; boundary="
                                + boundary
                                + "\r\n"
                                + "Content-Length: "
                                + (start.length() + 1_000_000)
                                + "\r\n\r\n"
                                + start)
                        .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private ResponseEntity<Map> upload(
            String user, byte[] bytes, String filename, MediaType declared, String visibility) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", part(bytes, filename, declared));
        form.add("title", " A title ");
        form.add("tags", "nlp");
        form.add("tags", "papers");
        form.add("visibility", visibility);
        return http.exchange(
                "/api/documents", HttpMethod.POST, multipart(user, form, null), Map.class);
    }

    private ResponseEntity<Map> replace(
            String user, String id, byte[] bytes, String filename, String ifMatch) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", part(bytes, filename, MediaType.APPLICATION_OCTET_STREAM));
        return http.exchange(
                "/api/documents/" + id + "/content",
                HttpMethod.PUT,
                multipart(user, form, ifMatch),
                Map.class);
    }

    private static HttpEntity<Object> part(byte[] bytes, String filename, MediaType declared) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(declared);
        return new HttpEntity<>(
                new ByteArrayResource(bytes) {
                    @Override
                    public String getFilename() {
                        return filename;
                    }
                },
                headers);
    }

    private static HttpEntity<MultiValueMap<String, Object>> multipart(
            String user, MultiValueMap<String, Object> form, String ifMatch) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        headers.setBearerAuth(DevIdentity.start().accessToken(user));
        if (ifMatch != null) {
            headers.setIfMatch(ifMatch);
        }
        return new HttpEntity<>(form, headers);
    }

    private JsonNode storedEvent(String id, String type) {
        String payload =
                jdbc.queryForObject(
                        """
                SELECT convert_from(payload, 'UTF8') FROM domainevententry
                WHERE aggregateidentifier = ? AND payloadtype = ? AND payloadrevision = '1'""",
                        String.class,
                        id,
                        "dev.aic.contracts.document.DocumentEvent$" + type);
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long documentEvents() {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domainevententry WHERE payloadtype LIKE 'dev.aic.contracts.document.%'",
                Long.class);
    }

    private long storedFiles() {
        try (Stream<Path> files = Files.walk(CONTENT)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ConsumerRecord<String, String> published(String key, String eventType) {
        Properties config = new Properties();
        config.putAll(Infrastructure.endpoints().kafka().asAdmin());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> matching = new ArrayList<>();
        try (var consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.DOCUMENTS));
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(500))
                                        .forEach(
                                                record -> {
                                                    if (key.equals(record.key())
                                                            && eventType.equals(
                                                                    new String(
                                                                            record.headers()
                                                                                    .lastHeader(
                                                                                            IntegrationHeaders
                                                                                                    .EVENT_TYPE)
                                                                                    .value(),
                                                                            StandardCharsets
                                                                                    .UTF_8))) {
                                                        matching.add(record);
                                                    }
                                                });
                                return !matching.isEmpty();
                            });
        }
        return matching.get(0);
    }

    /** A small but well-formed PDF with one page of text. */
    private static byte[] pdf(String text) {
        String content = "BT /F1 12 Tf 72 720 Td (" + text + ") Tj ET";
        List<String> objects =
                List.of(
                        "<< /Type /Catalog /Pages 2 0 R >>",
                        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                                + "/Resources << /Font << /F1 5 0 R >> >> >>",
                        "<< /Length "
                                + content.length()
                                + " >>\nstream\n"
                                + content
                                + "\nendstream",
                        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        offsets.forEach(offset -> pdf.append(String.format("%010d 00000 n \n", offset)));
        pdf.append("trailer\n<< /Size ")
                .append(objects.size() + 1)
                .append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The parts a word processor needs to open it: content types, relationships, the document. */
    private static byte[] docx(String text) {
        return zipOf(
                Map.of(
                        "[Content_Types].xml",
                                """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                        <Default Extension="xml" ContentType="application/xml"/>
                        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
                        </Types>""",
                        "_rels/.rels",
                                """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
                        </Relationships>""",
                        "word/document.xml",
                                """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
                        <w:body><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:body></w:document>"""
                                        .formatted(text)));
    }

    private static byte[] zip() {
        return zipOf(Map.of("readme.txt", "not a document " + UUID.randomUUID()));
    }

    private static byte[] zipOf(Map<String, String> entries) {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            for (var entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
