package dev.aic.bench;

import static dev.aic.queryside.ProjectionNames.DOCUMENT_CHUNKS_SEARCH;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Puts the manual on the platform as a member would: the reader signs in, registers ({@code POST
 * /api/me}) and uploads each page ({@code POST /api/documents}, multipart, visibility {@code
 * MEMBERS}); the platform's own extraction, chunking and embedding do the rest. Then it waits until
 * every page is {@code INDEXED} and the full-text projection has caught up, printing progress.
 *
 * <p>Idempotent across runs: the reader's documents are listed first ({@code GET
 * /api/documents?owner=me}) and a page whose file name is already there is not sent again. Were the
 * listing to miss one, the command-side answers an identical re-upload with the document it already
 * holds, so the corpus is never stored twice.
 */
final class ManualUpload {

    /** The search projection that must have caught up before full-text search sees every page. */
    static final String FULLTEXT_PROJECTION = DOCUMENT_CHUNKS_SEARCH;

    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(5);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(20);
    private static final Duration PROJECTION_TIMEOUT = Duration.ofMinutes(10);
    private static final int PAGE_SIZE = 100;

    /**
     * The corpus as the platform holds it.
     *
     * @param readerId the reader's user id, the {@code author} of every page
     * @param pageOf page path by document id, for every page that was uploaded (indexed or not)
     * @param indexed documents whose current version is INDEXED
     * @param failures pages that could not be uploaded or whose processing FAILED, with why
     * @param formats pages uploaded per format
     * @param chunks chunks of the indexed pages
     * @param waitSeconds how long this run waited for processing
     * @param complete every page is settled (INDEXED or FAILED) and full-text search has caught up
     */
    record Corpus(
            UUID readerId,
            Map<UUID, String> pageOf,
            int indexed,
            int uploadedNow,
            int reused,
            List<String> failures,
            Map<PythonManual.Format, Integer> formats,
            long chunks,
            double waitSeconds,
            boolean complete) {}

    private final SearchQualityOptions options;
    private final Http http;
    private final Consumer<String> say;

    ManualUpload(SearchQualityOptions options, Http http, Consumer<String> say) {
        this.options = options;
        this.http = http;
        this.say = say;
    }

    /**
     * Registers the signed-in reader when new; answers their user id once the query-side knows
     * them.
     */
    UUID signIn(String bearer) throws IOException, InterruptedException {
        Http.Response registered =
                http.post(
                        URI.create(options.commandSide() + "/api/me"), bearer, http.object(), null);
        // 201: registered now; 409: by an earlier run, and the problem names the user
        if (registered.status() != 201
                && registered.status() != 200
                && registered.status() != 409) {
            throw new IllegalStateException(
                    "POST /api/me as "
                            + options.reader()
                            + " answered "
                            + registered.status()
                            + ": "
                            + registered.body());
        }
        // the query-side learns of a new member from the event store: wait until it answers for
        // them, as the
        // listing of their documents needs it
        URI me = URI.create(options.querySide() + "/api/me");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Http.Response answer = http.get(me, bearer);
            if (answer.status() == 200 && answer.body().path("id").isTextual()) {
                return UUID.fromString(answer.body().path("id").asText());
            }
            if (System.nanoTime() >= deadline) {
                throw new IllegalStateException(
                        "the query-side does not know "
                                + options.reader()
                                + " 30 s after "
                                + "POST /api/me answered "
                                + registered.status()
                                + " (GET /api/me: "
                                + answer.status()
                                + ")");
            }
            Thread.sleep(200);
        }
    }

    Corpus upload(List<PythonManual.Page> pages, String bearer, String adminBearer, UUID readerId)
            throws IOException, InterruptedException {
        Map<String, JsonNode> mine = mine(bearer);
        say.accept(options.reader() + " holds " + mine.size() + " documents already");
        Map<UUID, String> pageOf = new LinkedHashMap<>();
        Map<PythonManual.Format, Integer> formats = new EnumMap<>(PythonManual.Format.class);
        List<String> failures = new ArrayList<>();
        int uploadedNow = 0;
        int reused = 0;
        long started = System.nanoTime();
        URI documents = URI.create(options.commandSide() + "/api/documents");
        for (PythonManual.Page page : pages) {
            JsonNode known = mine.get(page.uploadName());
            UUID id;
            if (known != null) {
                id = UUID.fromString(known.path("id").asText());
                reused++;
            } else {
                Http.Response answer = send(documents, bearer, page);
                if (answer.status() != 201 && answer.status() != 200) {
                    failures.add(
                            page.page()
                                    + ": POST /api/documents answered "
                                    + answer.status()
                                    + " "
                                    + answer.body().path("title").asText(""));
                    continue;
                }
                id = UUID.fromString(answer.body().path("id").asText());
                if (answer.status() == 201) {
                    uploadedNow++;
                } else {
                    reused++;
                }
                if (uploadedNow % 25 == 0 && answer.status() == 201) {
                    say.accept(
                            String.format(
                                    Locale.ROOT,
                                    "uploaded %d pages so far (%.0f s)",
                                    uploadedNow,
                                    (System.nanoTime() - started) / 1e9));
                }
            }
            pageOf.put(id, page.page());
            formats.merge(page.format(), 1, Integer::sum);
        }
        say.accept(
                String.format(
                        Locale.ROOT,
                        "%d pages uploaded now, %d already on the platform, %d refused; formats %s",
                        uploadedNow,
                        reused,
                        failures.size(),
                        formats));

        long waitStarted = System.nanoTime();
        Sweep sweep = awaitSettled(pageOf, bearer);
        boolean caughtUp = sweep.settled() && awaitFullText(adminBearer);
        failures.addAll(sweep.failures());
        return new Corpus(
                readerId,
                pageOf,
                sweep.indexed(),
                uploadedNow,
                reused,
                failures,
                formats,
                sweep.chunks(),
                (System.nanoTime() - waitStarted) / 1e9,
                sweep.settled() && caughtUp);
    }

    private Http.Response send(URI documents, String bearer, PythonManual.Page page)
            throws IOException, InterruptedException {
        byte[] bytes = Files.readAllBytes(page.file());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("title", page.title());
        fields.put("visibility", "MEMBERS");
        for (int attempt = 1; ; attempt++) {
            Http.Response answer =
                    http.postFile(
                            documents,
                            bearer,
                            fields,
                            page.uploadName(),
                            page.format().contentType,
                            bytes);
            // 429: this member's concurrent uploads or the rate limit; wait as a client would
            if (answer.status() != 429 || attempt == 10) {
                return answer;
            }
            Thread.sleep(1000L * attempt);
        }
    }

    /** The reader's documents by original file name, the newest where two share one. */
    private Map<String, JsonNode> mine(String bearer) throws IOException, InterruptedException {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        String cursor = null;
        do {
            String url =
                    options.querySide()
                            + "/api/documents?owner=me&limit="
                            + PAGE_SIZE
                            + (cursor == null
                                    ? ""
                                    : "&cursor="
                                            + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            Http.Response page = http.get(URI.create(url), bearer);
            if (page.status() != 200) {
                throw new IllegalStateException(
                        "GET /api/documents?owner=me answered "
                                + page.status()
                                + ": "
                                + page.body());
            }
            for (JsonNode document : page.body().path("items")) {
                byName.putIfAbsent(document.path("originalFilename").asText(), document);
            }
            cursor =
                    page.body().path("nextCursor").isTextual()
                            ? page.body().path("nextCursor").asText()
                            : null;
        } while (cursor != null);
        return byName;
    }

    private record Sweep(boolean settled, int indexed, long chunks, List<String> failures) {}

    /**
     * Lists the reader's documents every few seconds until every page is INDEXED or FAILED, or the
     * timeout. A page that FAILED is sent back for processing once ({@code POST
     * /api/documents/{id}/reprocess}), as its owner would retry it; it counts as failed when it
     * fails again. (On a shared machine another platform's ai-worker in the same consumer group has
     * taken uploads it could not read: CONTENT_MISSING.)
     */
    private Sweep awaitSettled(Map<UUID, String> pageOf, String bearer)
            throws IOException, InterruptedException {
        // the processing status's updatedAt when the page was sent back: until it changes, the
        // retry is pending
        Map<UUID, String> retried = new HashMap<>();
        long started = System.nanoTime();
        long deadline = started + options.indexTimeout().toNanos();
        long nextProgress = started;
        while (true) {
            Map<String, Integer> states = new TreeMap<>();
            int indexed = 0;
            long chunks = 0;
            long embedded = 0;
            List<String> failures = new ArrayList<>();
            int seen = 0;
            for (JsonNode document : mine(bearer).values()) {
                UUID id = UUID.fromString(document.path("id").asText());
                String page = pageOf.get(id);
                if (page == null) {
                    continue;
                }
                seen++;
                JsonNode processing = document.path("processing");
                String state = processing.path("status").asText("UNKNOWN");
                states.merge(state, 1, Integer::sum);
                embedded += processing.path("chunksEmbedded").asLong(0);
                if (state.equals("INDEXED")) {
                    indexed++;
                    chunks += processing.path("chunkCount").asLong(0);
                } else if (state.equals("FAILED")) {
                    String updatedAt = processing.path("updatedAt").asText("");
                    String reason =
                            processing.path("failureReason").asText("")
                                    + " "
                                    + processing.path("failureDetail").asText("");
                    if (!retried.containsKey(id)) {
                        retried.put(id, updatedAt);
                        reprocess(id, page, reason, bearer);
                    } else if (!retried.get(id).equals(updatedAt)) {
                        failures.add(page + ": processing FAILED twice: " + reason);
                    }
                }
            }
            int missing = pageOf.size() - seen;
            boolean settled = missing == 0 && indexed + failures.size() == pageOf.size();
            long now = System.nanoTime();
            if (settled || now >= nextProgress || now >= deadline) {
                say.accept(
                        String.format(
                                Locale.ROOT,
                                "processing: %d/%d INDEXED %s%s, %,d chunks embedded, %.0f s",
                                indexed,
                                pageOf.size(),
                                states,
                                missing > 0 ? ", " + missing + " not listed yet" : "",
                                embedded,
                                (now - started) / 1e9));
                nextProgress = now + PROGRESS_INTERVAL.toNanos();
            }
            if (settled || now >= deadline) {
                if (!settled) {
                    say.accept(
                            "gave up waiting after "
                                    + options.indexTimeout().toSeconds()
                                    + " s (--index-timeout): measuring with the pages indexed so far");
                }
                return new Sweep(settled, indexed, chunks, failures);
            }
            Thread.sleep(SWEEP_INTERVAL.toMillis());
        }
    }

    private void reprocess(UUID id, String page, String reason, String bearer)
            throws IOException, InterruptedException {
        Http.Response answer =
                http.post(
                        URI.create(options.commandSide() + "/api/documents/" + id + "/reprocess"),
                        bearer,
                        null,
                        null);
        say.accept(
                page
                        + " FAILED ("
                        + reason.strip()
                        + "); sent back for processing: HTTP "
                        + answer.status());
    }

    /**
     * Waits until the full-text projection has no events left to process, read as an administrator
     * from {@code GET /api/admin/projections/document-chunks-search}: INDEXED comes from the
     * documents projection, and OpenSearch is filled by another one that may still be behind.
     */
    private boolean awaitFullText(String adminBearer) throws IOException, InterruptedException {
        URI projection =
                URI.create(options.querySide() + "/api/admin/projections/" + FULLTEXT_PROJECTION);
        long deadline = System.nanoTime() + PROJECTION_TIMEOUT.toNanos();
        while (true) {
            Http.Response answer = http.get(projection, adminBearer);
            long lag = answer.body().path("lagEvents").asLong(-1);
            if (answer.status() == 200 && lag == 0) {
                say.accept("full-text projection " + FULLTEXT_PROJECTION + " has caught up");
                return true;
            }
            if (System.nanoTime() >= deadline) {
                say.accept(
                        "full-text projection "
                                + FULLTEXT_PROJECTION
                                + " still "
                                + lag
                                + " events behind after "
                                + PROJECTION_TIMEOUT.toMinutes()
                                + " min (HTTP "
                                + answer.status()
                                + "); measuring anyway");
                return false;
            }
            say.accept(
                    "full-text projection " + FULLTEXT_PROJECTION + ": " + lag + " events behind");
            Thread.sleep(SWEEP_INTERVAL.toMillis());
        }
    }
}
