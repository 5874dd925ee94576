package dev.aic.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The knowledge hub's embedding benchmark (issue 5), in one run on this machine, every figure
 * beside a baseline of the same run:
 *
 * <ol>
 *   <li>(a) {@link EmbeddingOrtEngine}: ONNX Runtime alone on all-MiniLM-L6-v2 at each batch size;
 *       the best is the baseline;
 *   <li>(c) langchain4j's in-process all-MiniLM-L6-v2 on the same chunks, the off-the-shelf peer;
 *   <li>(b) {@link EmbeddingPipeline}: the ai-worker end to end on the same chunks, uploaded as
 *       Markdown documents to the running platform, until the event store holds every
 *       ProcessingCompleted;
 *   <li>{@link VectorIndex}: HNSW search latency and recall@10 against exact search at 100,000
 *       synthetic chunks, and the latency of a search including its query's embedding.
 * </ol>
 *
 * The corpus ({@link EmbeddingCorpus}) is generated from a fixed seed and cut into chunks by the
 * ai-worker's own extractor and chunker, so (a), (b) and (c) embed the same texts.
 *
 * <p>Exit status: 0 when every part that ran was measured without errors (a missed target is a
 * finding, not a failure), 1 when (b) could not be measured or a document failed, 2 on bad
 * arguments.
 */
public final class EmbeddingBenchmark {

    private EmbeddingBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(EmbeddingOptions.fromCommandLine(args)));
    }

    static int run(EmbeddingOptions options) throws Exception {
        Instant startedAt = Instant.now();
        String loadAtStart = loadAverage();
        String marker =
                "run "
                        + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                                .withZone(ZoneOffset.UTC)
                                .format(startedAt);
        EmbeddingCorpus corpus;
        try (EmbeddingTokenCounter counter = new EmbeddingTokenCounter()) {
            corpus = EmbeddingCorpus.generate(options.seed(), options.chunks(), marker, counter);
        }
        say(
                String.format(
                        Locale.ROOT,
                        "corpus: %d Markdown documents, %d chunks cut by the ai-worker's chunker, "
                                + "%.0f tokens per chunk on average (seed %d)",
                        corpus.documents().size(),
                        corpus.chunkTexts().size(),
                        (double) corpus.tokenCount() / corpus.chunkTexts().size(),
                        options.seed()));

        EmbeddingEngines.Result engines = null;
        EmbeddingPipeline.Result pipeline = null;
        VectorIndex.Result index = null;
        try (EmbeddingOrtEngine engine = EmbeddingOrtEngine.load()) {
            say(
                    String.format(
                            Locale.ROOT,
                            "ONNX Runtime session of all-minilm-l6-v2 loaded in %.1f s",
                            engine.loadSeconds()));
            if (options.runs(EmbeddingOptions.Phase.ENGINES)) {
                say("(a) ONNX Runtime alone, batch sizes " + options.batchSizes());
                engines =
                        EmbeddingEngines.run(
                                engine,
                                corpus.chunkTexts(),
                                options.batchSizes(),
                                EmbeddingBenchmark::say);
            }
            if (options.runs(EmbeddingOptions.Phase.PIPELINE)) {
                say(
                        "(b) the ai-worker end to end: "
                                + corpus.documents().size()
                                + " uploads to "
                                + options.commandSide()
                                + "/api/documents as "
                                + options.caller());
                pipeline = new EmbeddingPipeline(options).run(corpus, EmbeddingBenchmark::say);
                if (pipeline.measured()) {
                    say(String.format(Locale.ROOT, "    %.2f chunks/s", pipeline.perSecond()));
                } else {
                    say("    not measured: " + pipeline.reason());
                }
            }
            if (options.runs(EmbeddingOptions.Phase.INDEX)) {
                say(
                        "semantic search: HNSW against exact search in database "
                                + options.vectorDatabase());
                VectorIndex.QueryEmbedder embedder =
                        EmbeddingQueryEmbedders.choose(
                                options.aiWorker(), engine, EmbeddingBenchmark::say);
                index = new VectorIndex(options, EmbeddingBenchmark::say).run(embedder);
            }
        }

        String load =
                "load average " + loadAtStart + " at the start, " + loadAverage() + " at the end";
        EmbeddingReport report =
                new EmbeddingReport(options, startedAt, load, corpus, engines, pipeline, index);
        System.out.print(report.summary());
        Path json = report.writeJson(options.outputDirectory());
        say("summary written to " + json);
        return report.hasErrors() ? 1 : 0;
    }

    /** The 1, 5 and 15 minute load averages, as {@code uptime} shows them. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " / " + fields[1] + " / " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void say(String line) {
        System.out.println("bench: " + line);
    }
}
