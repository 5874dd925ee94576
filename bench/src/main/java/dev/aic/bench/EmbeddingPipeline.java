package dev.aic.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Part (b) of the embeddings benchmark: the ai-worker end to end, as a member sees it. The corpus's
 * documents are uploaded one after the other ({@code POST /api/documents}, multipart, visibility
 * {@code MEMBERS}); the command-side stores them and publishes their upload, the ai-worker
 * extracts, chunks and embeds each one and reports back over Kafka, and the command-side records
 * {@code ProcessingStarted}, {@code ChunksEmbedded} and {@code ProcessingCompleted} (or {@code
 * ProcessingFailed}) in the event store.
 *
 * <p>The clock is the event store's: chunks/s = the chunks of every {@code ProcessingCompleted} ÷
 * (the last {@code ProcessingCompleted}'s timestamp − the moment the first upload was
 * acknowledged). The driver and the services share one machine, hence one clock. The window also
 * holds the uploads themselves, as a member's wait does. The ai-worker's Prometheus metrics ({@code
 * aic_*}) are read before and after, so the report can say how much of the window each of its
 * stages took (its {@code aic.documents.stage} timer: fetch, extract, chunk, embed).
 *
 * <p>The event store is polled on a scheduler every 200 ms; a poll costs one indexed query. The
 * wait ends when every document is completed or failed, after {@code --pipeline-timeout}, or after
 * two minutes without any document starting, which means nothing consumes the uploads.
 */
final class EmbeddingPipeline {

    /**
     * What (b) measured; {@code measured} is false when the pipeline could not be measured at all,
     * and then {@code reason} says why.
     */
    record Result(
            boolean measured,
            String reason,
            int documents,
            int completed,
            int failed,
            long chunks,
            int expectedChunks,
            long chunkBatches,
            double uploadSeconds,
            double windowSeconds,
            double processingSeconds,
            Map<String, Double> workerMetrics,
            double embeddingSeconds,
            double machineCpuBusy,
            List<String> failures) {

        static Result notMeasured(String reason, int documents, int expectedChunks) {
            return new Result(
                    false,
                    reason,
                    documents,
                    0,
                    0,
                    0,
                    expectedChunks,
                    0,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Map.of(),
                    Double.NaN,
                    Double.NaN,
                    List.of());
        }

        /**
         * End-to-end chunks per second, from the first upload's acknowledgement to the last
         * completion.
         */
        double perSecond() {
            return measured ? chunks / windowSeconds : Double.NaN;
        }

        /** Chunks per second from the first ProcessingStarted to the last ProcessingCompleted. */
        double processingPerSecond() {
            return measured ? chunks / processingSeconds : Double.NaN;
        }

        boolean hasErrors() {
            return !measured || failed > 0 || completed < documents;
        }
    }

    private static final String STARTED = "DocumentEvent$ProcessingStarted";
    private static final String EMBEDDED = "DocumentEvent$ChunksEmbedded";
    private static final String COMPLETED = "DocumentEvent$ProcessingCompleted";
    private static final String FAILED = "DocumentEvent$ProcessingFailed";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration NOTHING_STARTED_TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern CHUNK_COUNT =
            Pattern.compile("\"?chunkCount\"?\\s*[:>]\\s*(\\d+)");
    private static final Pattern STAGE =
            Pattern.compile("aic_documents_stage_seconds_sum\\{.*stage=\"([^\"]+)\".*}");
    private static final Pattern REASON = Pattern.compile("\"reason\"\\s*:\\s*\"([^\"]*)\"");

    private final EmbeddingOptions options;
    private final HttpClient client =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
    private final ObjectMapper json = new ObjectMapper();

    EmbeddingPipeline(EmbeddingOptions options) {
        this.options = options;
    }

    Result run(EmbeddingCorpus corpus, Consumer<String> say) throws Exception {
        List<EmbeddingCorpus.Document> documents = corpus.documents();
        int expected = corpus.chunkTexts().size();
        for (URI service : List.of(options.commandSide(), options.aiWorker())) {
            String notReady = readiness(service);
            if (notReady != null) {
                return Result.notMeasured(notReady, documents.size(), expected);
            }
        }
        String bearer =
                "Bearer "
                        + AccessToken.clientCredentials(
                                options.issuer(), options.caller(), options.callerSecret());
        Map<String, Double> metricsBefore = workerMetrics();
        MachineCpu cpu = MachineCpu.start();

        List<String> ids = new ArrayList<>();
        Instant firstAck = null;
        long uploadStarted = System.nanoTime();
        for (EmbeddingCorpus.Document document : documents) {
            HttpResponse<String> answer = upload(document, bearer);
            if (answer.statusCode() != 201) {
                return Result.notMeasured(
                        "POST /api/documents answered "
                                + answer.statusCode()
                                + " for "
                                + document.filename()
                                + ": "
                                + abbreviate(answer.body()),
                        documents.size(),
                        expected);
            }
            if (firstAck == null) {
                firstAck = Instant.now();
            }
            ids.add(json.readTree(answer.body()).path("id").asText());
        }
        double uploadSeconds = (System.nanoTime() - uploadStarted) / 1e9;
        say.accept(
                String.format(
                        "    %d documents uploaded in %.1f s; waiting for their ProcessingCompleted",
                        ids.size(), uploadSeconds));

        Progress progress;
        try (Connection connection =
                DriverManager.getConnection(
                        options.jdbcUrl(), options.dbUser(), options.dbPassword())) {
            progress = awaitProcessing(connection, ids);
        }
        double busy = cpu.busy();
        Map<String, Double> metrics = delta(metricsBefore, workerMetrics());
        if (progress.started() == null) {
            return Result.notMeasured(
                    "no document reached ProcessingStarted within "
                            + NOTHING_STARTED_TIMEOUT.toMinutes()
                            + " min of the uploads: nothing processes uploaded "
                            + "documents yet (is the ai-worker's document pipeline deployed?)",
                    documents.size(),
                    expected);
        }
        if (progress.lastCompleted() == null) {
            return new Result(
                    false,
                    "no document completed within "
                            + options.pipelineTimeout().toSeconds()
                            + " s; "
                            + progress.failures().size()
                            + " failed",
                    documents.size(),
                    0,
                    progress.failures().size(),
                    0,
                    expected,
                    progress.chunkBatches(),
                    uploadSeconds,
                    Double.NaN,
                    Double.NaN,
                    metrics,
                    stageSeconds(metrics).getOrDefault("embed", Double.NaN),
                    busy,
                    progress.failures());
        }
        double window = Duration.between(firstAck, progress.lastCompleted()).toNanos() / 1e9;
        double processing =
                Duration.between(progress.started(), progress.lastCompleted()).toNanos() / 1e9;
        return new Result(
                true,
                null,
                documents.size(),
                progress.completed(),
                progress.failures().size(),
                progress.chunks(),
                expected,
                progress.chunkBatches(),
                uploadSeconds,
                window,
                processing,
                metrics,
                stageSeconds(metrics).getOrDefault("embed", Double.NaN),
                busy,
                progress.failures());
    }

    private String readiness(URI service) throws InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(service + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(5))
                        .GET()
                        .build();
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200
                    ? null
                    : service + " is not ready (readiness answered " + status + ")";
        } catch (IOException e) {
            return service + " does not answer (" + e + "); start the platform with ./platform up";
        }
    }

    private HttpResponse<String> upload(EmbeddingCorpus.Document document, String bearer)
            throws IOException, InterruptedException {
        String boundary = "aic-bench-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        field(body, boundary, "title", document.title());
        field(body, boundary, "visibility", "MEMBERS");
        body.writeBytes(
                ("--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                                + document.filename()
                                + "\"\r\nContent-Type: text/markdown\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(document.bytes());
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(options.commandSide() + "/api/documents"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", bearer)
                        .header("Accept", "application/json")
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void field(
            ByteArrayOutputStream body, String boundary, String name, String value) {
        body.writeBytes(
                ("--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\""
                                + name
                                + "\"\r\n\r\n"
                                + value
                                + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** Where the documents' processing stands, from the event store. */
    private record Progress(
            Instant started,
            Instant lastCompleted,
            int completed,
            long chunks,
            long chunkBatches,
            List<String> failures,
            boolean done) {}

    private Progress awaitProcessing(Connection connection, List<String> ids) throws Exception {
        ScheduledExecutorService poller =
                Executors.newSingleThreadScheduledExecutor(Threads.named("pipeline-poll"));
        CompletableFuture<Progress> finished = new CompletableFuture<>();
        long deadline = System.nanoTime() + options.pipelineTimeout().toNanos();
        long nothingStartedDeadline = System.nanoTime() + NOTHING_STARTED_TIMEOUT.toNanos();
        AtomicReference<Progress> latest = new AtomicReference<>();
        poller.scheduleWithFixedDelay(
                () -> {
                    try {
                        Progress progress = progress(connection, ids);
                        latest.set(progress);
                        long now = System.nanoTime();
                        if (progress.done()
                                || now > deadline
                                || progress.started() == null && now > nothingStartedDeadline) {
                            finished.complete(progress);
                        }
                    } catch (SQLException | RuntimeException e) {
                        finished.completeExceptionally(e);
                    }
                },
                0,
                POLL_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            return finished.get(options.pipelineTimeout().toSeconds() + 60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return latest.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "reading the event store failed: " + e.getCause(), e.getCause());
        } finally {
            poller.shutdownNow();
            poller.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static Progress progress(Connection connection, List<String> ids) throws SQLException {
        Instant firstStarted = null;
        Map<String, Instant> completedAt = new HashMap<>();
        Map<String, Long> chunksOf = new HashMap<>();
        Map<String, String> failedWith = new LinkedHashMap<>();
        long batches = 0;
        Array idArray = connection.createArrayOf("varchar", ids.toArray());
        try (PreparedStatement statement =
                connection.prepareStatement(
                        """
                SELECT aggregateidentifier, payloadtype, timestamp, convert_from(payload, 'UTF8')
                FROM event_store.domainevententry
                WHERE aggregateidentifier = ANY (?)
                  AND (payloadtype LIKE ? OR payloadtype LIKE ? OR payloadtype LIKE ? OR payloadtype LIKE ?)
                ORDER BY globalindex""")) {
            statement.setArray(1, idArray);
            statement.setString(2, "%." + STARTED);
            statement.setString(3, "%." + EMBEDDED);
            statement.setString(4, "%." + COMPLETED);
            statement.setString(5, "%." + FAILED);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString(1);
                    String type = rows.getString(2);
                    Instant at = Instant.parse(rows.getString(3));
                    String payload = rows.getString(4);
                    if (type.endsWith(STARTED)) {
                        firstStarted =
                                firstStarted == null || at.isBefore(firstStarted)
                                        ? at
                                        : firstStarted;
                        failedWith.remove(id);
                    } else if (type.endsWith(EMBEDDED)) {
                        batches++;
                    } else if (type.endsWith(COMPLETED)) {
                        completedAt.put(id, at);
                        Matcher count = CHUNK_COUNT.matcher(payload);
                        chunksOf.put(id, count.find() ? Long.parseLong(count.group(1)) : 0L);
                    } else {
                        Matcher reason = REASON.matcher(payload);
                        failedWith.put(
                                id,
                                id
                                        + ": "
                                        + (reason.find() ? reason.group(1) : abbreviate(payload)));
                    }
                }
            }
        } finally {
            idArray.free();
        }
        failedWith.keySet().removeAll(completedAt.keySet());
        Instant last = completedAt.values().stream().max(Instant::compareTo).orElse(null);
        long chunks = chunksOf.values().stream().mapToLong(Long::longValue).sum();
        boolean done = completedAt.size() + failedWith.size() >= ids.size();
        return new Progress(
                firstStarted,
                last,
                completedAt.size(),
                chunks,
                batches,
                List.copyOf(failedWith.values()),
                done);
    }

    /**
     * Every {@code aic_*} sample of the ai-worker's Prometheus endpoint, by series; empty when it
     * does not answer.
     */
    private Map<String, Double> workerMetrics() throws InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(options.aiWorker() + "/actuator/prometheus"))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build();
        Map<String, Double> samples = new TreeMap<>();
        try {
            HttpResponse<String> answer =
                    client.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return samples;
            }
            for (String line : answer.body().split("\n")) {
                int space = line.lastIndexOf(' ');
                if (line.startsWith("aic_") && space > 0) {
                    try {
                        samples.put(
                                line.substring(0, space),
                                Double.parseDouble(line.substring(space + 1)));
                    } catch (NumberFormatException e) {
                        // a sample with a timestamp or an odd value: not one of the counters this
                        // reads
                    }
                }
            }
        } catch (IOException e) {
            return samples;
        }
        return samples;
    }

    private static Map<String, Double> delta(
            Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> delta = new TreeMap<>();
        after.forEach(
                (series, value) -> {
                    double change = value - before.getOrDefault(series, 0.0);
                    if (change != 0 && !series.contains("_max")) {
                        delta.put(series, change);
                    }
                });
        return delta;
    }

    /**
     * Seconds the ai-worker spent in each processing stage during the window, from its {@code
     * aic_documents_stage_seconds_sum{stage="..."}} timer: fetch, extract, chunk, embed.
     */
    static Map<String, Double> stageSeconds(Map<String, Double> metrics) {
        Map<String, Double> stages = new TreeMap<>();
        metrics.forEach(
                (series, change) -> {
                    Matcher stage = STAGE.matcher(series);
                    if (stage.matches()) {
                        stages.merge(stage.group(1), change, Double::sum);
                    }
                });
        return stages;
    }

    private static String abbreviate(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
