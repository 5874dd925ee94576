package dev.aic.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aic.aiworker.extraction.HostileDocuments;
import dev.aic.aiworker.extraction.TestDocuments;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Files built to hurt the knowledge hub, uploaded by a plain member through the real services: each
 * ends FAILED with its reason (or, where the file is merely odd, INDEXED) within a bound, the
 * ai-worker keeps running as the same process, nothing of a file on the host or behind a URL
 * becomes searchable, and the next normal document is indexed. Then the crash loop: a document that
 * kills the worker is parked after two deaths.
 */
class HostileDocumentsIT {

    /**
     * With this in its content, a document halts the ai-worker (the test-only fault, see Platform).
     */
    static final String HALT_MARKER = "aic-halt-marker-3f9c2b71e04d";

    private static final Duration SETTLED_WITHIN = Duration.ofMinutes(3);
    private static final String REFUSED = "REFUSED";
    private static final String INDEXED = "INDEXED";
    private static final Pattern GC_PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private final Platform platform = Platform.shared();

    /**
     * A file and the outcomes that are right for it: REFUSED at upload, INDEXED, or the reasons it
     * may fail with.
     */
    private record Case(String name, String filename, byte[] bytes, Set<String> outcomes) {}

    @Test
    void hostileFilesEndWithTheirReasonWhileTheWorkerStaysUpAndTheNextDocumentIsIndexed()
            throws Exception {
        long pid = platform.aiWorker().pid();
        String secret = "hostsecret" + UUID.randomUUID().toString().replace("-", "");
        Path secretFile = Files.createTempFile("aic-secret", ".txt");
        Files.writeString(secretFile, secret + "\n");
        String member = platform.token("hostile-" + UUID.randomUUID().toString().substring(0, 8));
        String me = signIn(member);
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger fetches = serve(listener, secret);
            String url = "http://127.0.0.1:" + listener.getLocalPort() + "/secret.txt";
            List<Case> cases = cases(secretFile.toUri().toString(), url);

            Map<Case, String> outcomes = new LinkedHashMap<>();
            Map<Case, Long> settledMillis = new LinkedHashMap<>();
            Map<Case, String> pending = new LinkedHashMap<>();
            Map<Case, Long> uploadedAt = new LinkedHashMap<>();
            for (Case hostile : cases) {
                Http.Reply uploaded =
                        Http.to(platform.commandSide().url("/api/documents"))
                                .bearer(member)
                                .multipart(
                                        "POST",
                                        Map.of("title", hostile.name(), "visibility", "MEMBERS"),
                                        hostile.filename(),
                                        hostile.bytes());
                assertThat(uploaded.status())
                        .as(hostile.name() + ": " + uploaded)
                        .isIn(201, 413, 415, 422);
                if (uploaded.status() == 201) {
                    pending.put(hostile, uploaded.json().get("id").asText());
                    uploadedAt.put(hostile, System.nanoTime());
                } else {
                    outcomes.put(hostile, REFUSED);
                }
            }
            await("every hostile document settled")
                    .atMost(SETTLED_WITHIN)
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> {
                                for (var entry : List.copyOf(pending.entrySet())) {
                                    JsonNode processing = processing(member, entry.getValue());
                                    String status =
                                            processing == null
                                                    ? ""
                                                    : processing.get("status").asText();
                                    if (INDEXED.equals(status) || "FAILED".equals(status)) {
                                        outcomes.put(
                                                entry.getKey(),
                                                INDEXED.equals(status)
                                                        ? INDEXED
                                                        : processing.get("failureReason").asText());
                                        settledMillis.put(
                                                entry.getKey(),
                                                (System.nanoTime() - uploadedAt.get(entry.getKey()))
                                                        / 1_000_000);
                                        pending.remove(entry.getKey());
                                    }
                                }
                                return pending.isEmpty();
                            });
            System.out.println("hostile document | outcome | settled after (ms, from upload)");
            for (Case hostile : cases) {
                System.out.printf(
                        "%s | %s | %s%n",
                        hostile.name(),
                        outcomes.get(hostile),
                        settledMillis.getOrDefault(hostile, 0L));
            }
            assertThat(cases)
                    .allSatisfy(
                            hostile ->
                                    assertThat(outcomes.get(hostile))
                                            .as(hostile.name())
                                            .isIn(hostile.outcomes()));
            assertThat(platform.aiWorker().isAlive()).as("the ai-worker runs").isTrue();
            assertThat(platform.aiWorker().pid()).as("the ai-worker's process id").isEqualTo(pid);
            assertThat(fetches).as("requests to the URL an entity names").hasValue(0);
        }
        JsonNode found = search(member, "fulltext", secret, me);
        assertThat(found.get("results")).as("search for the secret: " + found).isEmpty();

        String normal =
                upload(
                        member,
                        "After the storm.docx",
                        TestDocuments.docx(
                                List.of(
                                        Map.entry("heading1", "Harbour report"),
                                        Map.entry(
                                                "paragraph",
                                                "The lighthouse keeper counted forty sailing boats returning after the storm."))));
        await("a normal document indexed after the hostile ones")
                .atMost(SETTLED_WITHIN)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () ->
                                processing(member, normal) != null
                                        && INDEXED.equals(
                                                processing(member, normal).get("status").asText()));
        assertThat(platform.aiWorker().pid()).isEqualTo(pid);
        System.out.printf(
                "ai-worker peak heap during the run (GC log, MB): %d; peak resident set (MB): %d%n",
                peakHeapMegabytes(pid), peakResidentMegabytes(pid));
    }

    @Test
    void aDocumentThatKillsTheWorkerIsParkedAfterTwoCrashesAndTheNextDocumentIsProcessed() {
        String member = platform.token("crasher-" + UUID.randomUUID().toString().substring(0, 8));
        signIn(member);
        long start = System.nanoTime();
        String deadly =
                upload(
                        member,
                        "deadly.txt",
                        ("This note halts the worker: " + HALT_MARKER + "\n")
                                .getBytes(StandardCharsets.UTF_8));

        // what Kubernetes does: start the worker again whenever it died, until the document is
        // parked
        int crashes = 0;
        while (!"FAILED".equals(status(member, deadly))) {
            ServiceProcess worker = platform.aiWorker();
            await("the ai-worker down, or the deadly document parked")
                    .atMost(SETTLED_WITHIN)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> !worker.isAlive() || "FAILED".equals(status(member, deadly)));
            if (!worker.isAlive()) {
                crashes++;
                System.out.printf(
                        "ai-worker down (crash %d) after %d ms%n",
                        crashes, (System.nanoTime() - start) / 1_000_000);
                assertThat(crashes)
                        .as("deaths of the worker before the document was parked")
                        .isLessThanOrEqualTo(2);
                platform.killAndRestartAiWorker();
            }
        }
        ServiceProcess third = platform.aiWorker();
        assertThat(crashes).isEqualTo(2);
        JsonNode parked = processing(member, deadly);
        assertThat(parked.get("failureReason").asText()).isEqualTo("WORKER_CRASHED");
        assertThat(parked.get("failureDetail").asText()).contains("took the service down 2 times");
        System.out.printf(
                "deadly document FAILED (WORKER_CRASHED) after %d ms%n",
                (System.nanoTime() - start) / 1_000_000);

        String next =
                upload(
                        member,
                        "next.txt",
                        "The next member's notes about the harbour and its boats.\n"
                                .getBytes(StandardCharsets.UTF_8));
        await("the next document indexed")
                .atMost(SETTLED_WITHIN)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () ->
                                processing(member, next) != null
                                        && INDEXED.equals(
                                                processing(member, next).get("status").asText()));
        assertThat(third.isAlive()).as("the third ai-worker process runs").isTrue();
        assertThat(platform.aiWorker().pid()).isEqualTo(third.pid());
    }

    private static List<Case> cases(String secretFileUri, String secretUrl) {
        Set<String> unreadable = Set.of("CORRUPT", "NO_TEXT", REFUSED);
        Set<String> harmless = Set.of(INDEXED, "CORRUPT", "NO_TEXT", REFUSED);
        byte[] pdf = TestDocuments.pdf(List.of("A page about tides.", "A page about winds."));
        byte[] docx =
                TestDocuments.docx(
                        List.of(
                                Map.entry(
                                        "paragraph", "Minutes of the sailing club. ".repeat(200))));
        byte[] pptx = TestDocuments.pptx(List.of("Knots and ropes", "Reading the weather"));
        byte[] html =
                "<html><body><h1>Club</h1><p>We sail on Sundays from the old pier.</p></body></html>"
                        .getBytes(StandardCharsets.UTF_8);
        byte[] markdown =
                "# Club\n\nWe sail on Sundays from the old pier.\n\n## Safety\n\nLife jackets on board.\n"
                        .getBytes(StandardCharsets.UTF_8);
        byte[] text =
                "We sail on Sundays from the old pier, weather permitting, and meet at the clubhouse after.\n"
                        .repeat(40)
                        .getBytes(StandardCharsets.UTF_8);
        List<Case> cases =
                new ArrayList<>(
                        List.of(
                                new Case(
                                        "docx zip bomb (2 GiB of text)",
                                        "bomb.docx",
                                        HostileDocuments.docxBomb(2L << 30),
                                        Set.of("TOO_LARGE_WHEN_EXTRACTED")),
                                new Case(
                                        "pptx zip bomb (1 GiB of text)",
                                        "bomb.pptx",
                                        HostileDocuments.pptxBomb(1L << 30),
                                        Set.of("TOO_LARGE_WHEN_EXTRACTED")),
                                new Case(
                                        "zip bomb inside a docx",
                                        "carrier.docx",
                                        HostileDocuments.docxWithZipBombInside(1L << 30),
                                        Set.of(INDEXED)),
                                new Case(
                                        "XXE (docx, local file)",
                                        "xxe-file.docx",
                                        HostileDocuments.docxWithExternalEntity(secretFileUri),
                                        harmless),
                                new Case(
                                        "XXE (docx, HTTP URL)",
                                        "xxe-url.docx",
                                        HostileDocuments.docxWithExternalEntity(secretUrl),
                                        harmless),
                                new Case(
                                        "XXE (XHTML, local file)",
                                        "xxe-file.xhtml",
                                        HostileDocuments.xhtmlWithExternalEntity(secretFileUri),
                                        harmless),
                                new Case(
                                        "XXE (XHTML, HTTP URL)",
                                        "xxe-url.xhtml",
                                        HostileDocuments.xhtmlWithExternalEntity(secretUrl),
                                        harmless),
                                new Case(
                                        "billion laughs (docx)",
                                        "laughs.docx",
                                        HostileDocuments.docxBillionLaughs(),
                                        harmless),
                                new Case(
                                        "100,000 nested tables (docx)",
                                        "nested.docx",
                                        HostileDocuments.deeplyNestedDocx(100_000),
                                        Set.of("TOO_DEEPLY_NESTED")),
                                new Case(
                                        "100,000 nested elements (HTML)",
                                        "nested.html",
                                        HostileDocuments.deeplyNestedHtml(100_000),
                                        Set.of(INDEXED, "TOO_DEEPLY_NESTED")),
                                new Case(
                                        "PDF of 100,000 empty pages",
                                        "pages.pdf",
                                        HostileDocuments.emptyPagesPdf(100_000),
                                        Set.of("TOO_LARGE_WHEN_EXTRACTED")),
                                new Case(
                                        "PNG claiming 100,000 × 100,000 pixels",
                                        "huge.png",
                                        HostileDocuments.pngClaiming(100_000, 100_000),
                                        Set.of("UNSUPPORTED_TYPE", REFUSED)),
                                new Case(
                                        "text of one 50 MB line",
                                        "line.txt",
                                        HostileDocuments.singleLineText(50_000_000),
                                        Set.of("TOO_MUCH_TEXT")),
                                new Case(
                                        "Markdown heading built to backtrack",
                                        "slow.md",
                                        HostileDocuments.backtrackingMarkdown(200_000),
                                        Set.of(INDEXED))));
        // isolation: a normal document in the middle of the storm is indexed while the hostile ones
        // are handled
        cases.add(
                cases.size() / 2,
                new Case(
                        "normal document amid the hostile ones",
                        "amid.txt",
                        "The harbour master logged every boat that sheltered in the bay during the gale.\n"
                                .getBytes(StandardCharsets.UTF_8),
                        Set.of(INDEXED)));
        for (var file : Map.of("pdf", pdf, "docx", docx, "pptx", pptx).entrySet()) {
            cases.add(
                    new Case(
                            "truncated " + file.getKey(),
                            "truncated." + file.getKey(),
                            HostileDocuments.truncated(file.getValue()),
                            unreadable));
            cases.add(
                    new Case(
                            "corrupt " + file.getKey(),
                            "corrupt." + file.getKey(),
                            HostileDocuments.corrupted(file.getValue()),
                            unreadable));
        }
        for (var file : Map.of("html", html, "md", markdown, "txt", text).entrySet()) {
            cases.add(
                    new Case(
                            "truncated " + file.getKey(),
                            "truncated." + file.getKey(),
                            HostileDocuments.truncated(file.getValue()),
                            harmless));
            cases.add(
                    new Case(
                            "corrupt " + file.getKey(),
                            "corrupt." + file.getKey(),
                            HostileDocuments.corrupted(file.getValue()),
                            harmless));
        }
        return cases;
    }

    /**
     * Answers every request with the secret, and counts them: an entity that fetched would be seen
     * here.
     */
    private static AtomicInteger serve(ServerSocket listener, String secret) {
        AtomicInteger fetches = new AtomicInteger();
        Thread server =
                new Thread(
                        () -> {
                            while (!listener.isClosed()) {
                                try (Socket connection = listener.accept()) {
                                    fetches.incrementAndGet();
                                    connection
                                            .getOutputStream()
                                            .write(
                                                    ("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n"
                                                                    + secret)
                                                            .getBytes(StandardCharsets.US_ASCII));
                                } catch (IOException e) {
                                    return;
                                }
                            }
                        },
                        "secret-server");
        server.setDaemon(true);
        server.start();
        return fetches;
    }

    /** The largest heap in use before any collection of the worker process, from its GC log. */
    private static long peakHeapMegabytes(long pid) throws IOException {
        Path log = Path.of("target", "services", "ai-worker-gc-" + pid + ".log");
        long peak = 0;
        try (Stream<String> lines = Files.lines(log)) {
            for (String line : (Iterable<String>) lines::iterator) {
                Matcher pause = GC_PAUSE.matcher(line);
                if (pause.find()) {
                    peak = Math.max(peak, Long.parseLong(pause.group(1)));
                }
            }
        }
        return peak;
    }

    private static long peakResidentMegabytes(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("VmHWM:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024)
                .findFirst()
                .orElse(0);
    }

    private String signIn(String token) {
        Http.Reply registered =
                Http.to(platform.commandSide().url("/api/me")).bearer(token).post("{}");
        assertThat(registered.status()).as(registered.toString()).isIn(201, 409);
        return registered.json().get("id").asText();
    }

    private String upload(String token, String filename, byte[] bytes) {
        Http.Reply uploaded =
                Http.to(platform.commandSide().url("/api/documents"))
                        .bearer(token)
                        .multipart(
                                "POST",
                                Map.of("title", filename, "visibility", "MEMBERS"),
                                filename,
                                bytes);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        return uploaded.json().get("id").asText();
    }

    private String status(String token, String document) {
        JsonNode processing = processing(token, document);
        return processing == null ? "" : processing.get("status").asText();
    }

    private JsonNode processing(String token, String document) {
        Http.Reply read =
                Http.to(platform.querySide().url("/api/documents/" + document)).bearer(token).get();
        return read.status() == 200 ? read.json().get("processing") : null;
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
}
