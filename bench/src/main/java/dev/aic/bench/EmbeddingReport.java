package dev.aic.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The embeddings benchmark's verdict, as a table for people and a JSON file for tools. Every
 * throughput is a ratio to (a), ONNX Runtime alone at its best batch size in the same run; the
 * search latencies stand next to exact search's. A part that did not run or could not be measured
 * shows as such, never as a zero.
 */
final class EmbeddingReport {

    static final double MIN_PIPELINE_TO_RAW = 0.9;
    static final double MIN_PIPELINE_TO_PEER = 1.2;
    static final double MAX_SEARCH_P95_MS = 30;

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final EmbeddingOptions options;
    private final Instant startedAt;
    private final String load;
    private final EmbeddingCorpus corpus;
    private final EmbeddingEngines.Result engines;
    private final EmbeddingPipeline.Result pipeline;
    private final VectorIndex.Result index;

    /** Any part may be null when it did not run ({@code --phases}). */
    EmbeddingReport(
            EmbeddingOptions options,
            Instant startedAt,
            String load,
            EmbeddingCorpus corpus,
            EmbeddingEngines.Result engines,
            EmbeddingPipeline.Result pipeline,
            VectorIndex.Result index) {
        this.options = options;
        this.startedAt = startedAt;
        this.load = load;
        this.corpus = corpus;
        this.engines = engines;
        this.pipeline = pipeline;
        this.index = index;
    }

    boolean hasErrors() {
        return pipeline != null && pipeline.hasErrors();
    }

    String summary() {
        StringBuilder text = new StringBuilder();
        text.append(
                String.format(
                        Locale.ROOT,
                        "%n=== Embeddings benchmark, %s, all-minilm-l6-v2, %d chunks "
                                + "(%d documents, %.0f tokens per chunk on average) ===%n",
                        startedAt,
                        corpus.chunkTexts().size(),
                        corpus.documents().size(),
                        (double) corpus.tokenCount() / corpus.chunkTexts().size()));
        text.append("machine: ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores; ")
                .append(load)
                .append('\n');
        if (engines != null) {
            double best = engines.best().perSecond();
            for (EmbeddingEngines.Pass pass : engines.raw()) {
                text.append(
                        String.format(
                                Locale.ROOT,
                                "(a) ONNX Runtime alone, batch %-3d %8.2f chunks/s  ratio %.2f%s%s%n",
                                pass.batchSize(),
                                pass.perSecond(),
                                pass.perSecond() / best,
                                cpu(pass.machineCpuBusy()),
                                pass == engines.best() ? "  <- baseline" : ""));
            }
            for (EmbeddingEngines.Peer peer : List.of(engines.shipped(), engines.peer())) {
                text.append(
                        String.format(
                                Locale.ROOT,
                                "(c) langchain4j embedAll           %8.2f chunks/s  ratio %.2f%s"
                                        + "  %s; min cosine to (a)'s vectors %.5f%s%n",
                                peer.pass().perSecond(),
                                peer.pass().perSecond() / best,
                                cpu(peer.pass().machineCpuBusy()),
                                peer.name(),
                                peer.minCosine(),
                                peer == engines.peer() ? "  <- peer of the targets" : ""));
            }
        }
        if (pipeline != null) {
            if (!pipeline.measured()) {
                text.append("(b) ai-worker end to end            NOT MEASURED: ")
                        .append(pipeline.reason())
                        .append('\n');
            } else {
                text.append(
                        String.format(
                                Locale.ROOT,
                                "(b) ai-worker end to end           %8.2f chunks/s%s  "
                                        + "(%d chunks of %d documents in %.1f s from the first upload's 201; processing alone "
                                        + "%.2f chunks/s; uploads took %.1f s; %d ChunksEmbedded events)%n",
                                pipeline.perSecond(),
                                cpu(pipeline.machineCpuBusy()),
                                pipeline.chunks(),
                                pipeline.completed(),
                                pipeline.windowSeconds(),
                                pipeline.processingPerSecond(),
                                pipeline.uploadSeconds(),
                                pipeline.chunkBatches()));
                if (pipeline.chunks() != pipeline.expectedChunks()) {
                    text.append(
                            String.format(
                                    Locale.ROOT,
                                    "    the ai-worker recorded %d chunks; its chunker cut %d "
                                            + "here with the shipped settings%n",
                                    pipeline.chunks(),
                                    pipeline.expectedChunks()));
                }
                Map<String, Double> stages =
                        EmbeddingPipeline.stageSeconds(pipeline.workerMetrics());
                if (!stages.isEmpty()) {
                    text.append("    ai-worker stages over the window:");
                    stages.forEach(
                            (stage, seconds) ->
                                    text.append(
                                            String.format(
                                                    Locale.ROOT,
                                                    " %s %.1f s (%.0f%%)",
                                                    stage,
                                                    seconds,
                                                    100 * seconds / pipeline.windowSeconds())));
                    text.append('\n');
                }
                if (!Double.isNaN(pipeline.embeddingSeconds())) {
                    text.append(
                            String.format(
                                    Locale.ROOT,
                                    "    embedding inside the ai-worker: %.1f s of the %.1f s "
                                            + "window (%.0f%%), %.2f chunks/s while embedding%n",
                                    pipeline.embeddingSeconds(),
                                    pipeline.windowSeconds(),
                                    100 * pipeline.embeddingSeconds() / pipeline.windowSeconds(),
                                    pipeline.chunks() / pipeline.embeddingSeconds()));
                }
                pipeline.failures()
                        .forEach(
                                failure ->
                                        text.append("    failed: ").append(failure).append('\n'));
            }
            if (!pipeline.workerMetrics().isEmpty()) {
                text.append("    ai-worker metrics over the window (aic_*, change):\n");
                pipeline.workerMetrics()
                        .forEach(
                                (series, change) ->
                                        text.append(
                                                String.format(
                                                        Locale.ROOT,
                                                        "      %-90s %12.3f%n",
                                                        series,
                                                        change)));
            }
        }
        if (index != null) {
            text.append(
                    String.format(
                            Locale.ROOT,
                            "index: pgvector %s, %,d vectors (384 dims) around %,d clusters; "
                                    + "COPY %.1f s, HNSW build (m 16, ef_construction 64) %.1f s, index %d MB%n",
                            index.pgvectorVersion(),
                            index.vectors(),
                            index.clusters(),
                            index.copySeconds(),
                            index.buildSeconds(),
                            index.indexBytes() >> 20));
            VectorIndex.Search exact = index.exact();
            text.append(searchLine(exact, exact));
            index.hnsw().forEach(search -> text.append(searchLine(search, exact)));
            text.append(
                    String.format(
                            Locale.ROOT,
                            "query embedding alone              p50=%7.2fms p95=%7.2fms  (%s)%n",
                            index.embedding().p50Ms(),
                            index.embedding().p95Ms(),
                            index.embeddingSource()));
            text.append(
                    String.format(
                            Locale.ROOT,
                            "query embedding + hnsw search      p50=%7.2fms p95=%7.2fms  "
                                    + "(ef_search=%d)%n",
                            index.endToEnd().p50Ms(),
                            index.endToEnd().p95Ms(),
                            index.endToEndEfSearch()));
        }
        text.append("\ntargets\n");
        if (engines != null && pipeline != null) {
            text.append(
                    target(
                            "(b) >= 0.9 x (a)",
                            ratio(pipeline.perSecond(), engines.best().perSecond()),
                            MIN_PIPELINE_TO_RAW,
                            true));
            text.append(
                    target(
                            "(b) >= 1.2 x (c)",
                            ratio(pipeline.perSecond(), engines.peer().pass().perSecond()),
                            MIN_PIPELINE_TO_PEER,
                            true));
        } else {
            text.append("  (b) against (a) and (c): needs --phases engines,pipeline\n");
        }
        if (index != null) {
            text.append(
                    target(
                            "search p95 incl. query embedding <= 30 ms",
                            index.endToEnd().p95Ms(),
                            MAX_SEARCH_P95_MS,
                            false));
            text.append(
                    target(
                            String.format(
                                    Locale.ROOT,
                                    "recall@10 >= 0.95 (ef_search=%d)",
                                    index.endToEndEfSearch()),
                            endToEndRecall(),
                            VectorIndex.TARGET_RECALL,
                            true));
        }
        return text.toString();
    }

    private String searchLine(VectorIndex.Search search, VectorIndex.Search exact) {
        return String.format(
                Locale.ROOT,
                "search %-27s p50=%7.2fms p95=%7.2fms  recall@10=%.3f  p95 ratio to exact %.3f%s%n",
                search.name(),
                search.latency().p50Ms(),
                search.latency().p95Ms(),
                search.recall(),
                search.latency().p95Ms() / exact.latency().p95Ms(),
                search.efSearch() > 0 && !search.usedIndex()
                        ? "  (planner did NOT use the index)"
                        : "");
    }

    private double endToEndRecall() {
        return index.hnsw().stream()
                .filter(search -> search.efSearch() == index.endToEndEfSearch())
                .mapToDouble(VectorIndex.Search::recall)
                .findFirst()
                .orElse(Double.NaN);
    }

    private static String target(String name, double value, double bound, boolean atLeast) {
        String verdict =
                Double.isNaN(value)
                        ? "NOT MEASURED"
                        : (atLeast ? value >= bound : value <= bound) ? "PASS" : "MISS";
        return String.format(
                Locale.ROOT,
                "  %-48s %10s  %s%n",
                name,
                Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value),
                verdict);
    }

    private static double ratio(double value, double baseline) {
        return value / baseline;
    }

    private static String cpu(double busy) {
        return Double.isNaN(busy)
                ? ""
                : String.format(Locale.ROOT, "  [machine cpu %.0f%%]", busy * 100);
    }

    /** Writes the JSON summary as {@code embeddings-<UTC timestamp>.json} and returns its path. */
    Path writeJson(Path directory) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("benchmark", "embeddings");
        root.put("startedAt", startedAt.toString());
        root.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        root.put("javaVersion", System.getProperty("java.version"));
        root.put("load", load);
        root.put("model", "all-minilm-l6-v2");
        ObjectNode corpusNode = root.putObject("corpus");
        corpusNode.put("seed", options.seed());
        corpusNode.put("documents", corpus.documents().size());
        corpusNode.put("chunks", corpus.chunkTexts().size());
        corpusNode.put("tokens", corpus.tokenCount());
        if (engines != null) {
            ObjectNode raw = root.putObject("onnxRuntime");
            raw.put("loadSeconds", Summary.round(engines.loadSeconds()));
            ArrayNode passes = raw.putArray("batches");
            for (EmbeddingEngines.Pass pass : engines.raw()) {
                ObjectNode node = passes.addObject();
                node.put("batchSize", pass.batchSize());
                node.put("chunksPerSecond", Summary.round(pass.perSecond()));
                node.put("seconds", Summary.round(pass.seconds()));
                Summary.putRounded(node, "machineCpuBusy", pass.machineCpuBusy());
            }
            raw.put("bestBatchSize", engines.best().batchSize());
            raw.put("baselineChunksPerSecond", Summary.round(engines.best().perSecond()));
            ArrayNode peers = root.putArray("langchain4j");
            for (EmbeddingEngines.Peer peer : List.of(engines.shipped(), engines.peer())) {
                ObjectNode node = peers.addObject();
                node.put("name", peer.name());
                node.put("peerOfTheTargets", peer == engines.peer());
                node.put("chunksPerSecond", Summary.round(peer.pass().perSecond()));
                node.put(
                        "ratioToBaseline",
                        Summary.round(peer.pass().perSecond() / engines.best().perSecond()));
                Summary.putRounded(node, "machineCpuBusy", peer.pass().machineCpuBusy());
                node.put("minCosineToBaselineVectors", peer.minCosine());
            }
        }
        if (pipeline != null) {
            ObjectNode node = root.putObject("aiWorker");
            node.put("measured", pipeline.measured());
            if (pipeline.reason() != null) {
                node.put("reason", pipeline.reason());
            }
            node.put("documents", pipeline.documents());
            node.put("completed", pipeline.completed());
            node.put("failed", pipeline.failed());
            node.put("chunks", pipeline.chunks());
            node.put("expectedChunks", pipeline.expectedChunks());
            node.put("chunksEmbeddedEvents", pipeline.chunkBatches());
            Summary.putRounded(node, "uploadSeconds", pipeline.uploadSeconds());
            Summary.putRounded(node, "windowSeconds", pipeline.windowSeconds());
            Summary.putRounded(node, "chunksPerSecond", pipeline.perSecond());
            Summary.putRounded(node, "processingChunksPerSecond", pipeline.processingPerSecond());
            Summary.putRounded(node, "embeddingSeconds", pipeline.embeddingSeconds());
            Summary.putRounded(node, "machineCpuBusy", pipeline.machineCpuBusy());
            node.putPOJO("failures", pipeline.failures());
            node.putPOJO("workerMetrics", pipeline.workerMetrics());
            if (engines != null) {
                putTarget(
                        node,
                        "ratioToBaseline",
                        ratio(pipeline.perSecond(), engines.best().perSecond()),
                        MIN_PIPELINE_TO_RAW);
                putTarget(
                        node,
                        "ratioToLangchain4j",
                        ratio(pipeline.perSecond(), engines.peer().pass().perSecond()),
                        MIN_PIPELINE_TO_PEER);
            }
        }
        if (index != null) {
            ObjectNode node = root.putObject("vectorIndex");
            node.put("pgvector", index.pgvectorVersion());
            node.put("vectors", index.vectors());
            node.put("clusters", index.clusters());
            node.put("queries", options.queries());
            node.put("copySeconds", Summary.round(index.copySeconds()));
            node.put("buildSeconds", Summary.round(index.buildSeconds()));
            node.put("indexBytes", index.indexBytes());
            node.put("tableBytes", index.tableBytes());
            ArrayNode searches = node.putArray("searches");
            searches.add(search(index.exact()));
            index.hnsw().forEach(search -> searches.add(search(search)));
            ObjectNode endToEnd = node.putObject("queryEmbeddingPlusSearch");
            endToEnd.put("embeddingSource", index.embeddingSource());
            endToEnd.put("efSearch", index.endToEndEfSearch());
            percentiles(endToEnd.putObject("embedding"), index.embedding());
            percentiles(endToEnd.putObject("total"), index.endToEnd());
            endToEnd.put("targetMaxP95Ms", MAX_SEARCH_P95_MS);
            endToEnd.put("targetMet", index.endToEnd().p95Ms() <= MAX_SEARCH_P95_MS);
            putTarget(
                    node, "recallAtEndToEndEfSearch", endToEndRecall(), VectorIndex.TARGET_RECALL);
        }
        Files.createDirectories(directory);
        String stamp =
                DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                        .withZone(ZoneOffset.UTC)
                        .format(startedAt);
        Path file = directory.resolve("embeddings-" + stamp + ".json");
        JSON.writeValue(file.toFile(), root);
        return file;
    }

    private static ObjectNode search(VectorIndex.Search search) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", search.name());
        node.put("efSearch", search.efSearch());
        node.put("usedIndex", search.usedIndex());
        percentiles(node, search.latency());
        node.put("recallAt10", Summary.round(search.recall()));
        return node;
    }

    private static void percentiles(ObjectNode node, VectorIndex.Percentiles latency) {
        node.put("count", latency.count());
        node.put("p50Ms", Summary.round(latency.p50Ms()));
        node.put("p95Ms", Summary.round(latency.p95Ms()));
        node.put("maxMs", Summary.round(latency.maxMs()));
    }

    private static void putTarget(ObjectNode node, String name, double value, double bound) {
        ObjectNode target = node.putObject(name);
        Summary.putRounded(target, "value", value);
        target.put("target", bound);
        if (Double.isNaN(value)) {
            target.putNull("met");
        } else {
            target.put("met", value >= bound);
        }
    }
}
