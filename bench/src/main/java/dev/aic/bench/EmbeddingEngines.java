package dev.aic.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Parts (a) and (c) of the embeddings benchmark, in process, one after the other on the same chunk
 * texts.
 *
 * <p>(a) {@link EmbeddingOrtEngine} at each batch size: first a warm-up over the whole corpus at
 * batch size 16 (the JIT, ONNX Runtime's memory arena), then per batch size two unmeasured batches
 * and one measured pass over every chunk. Its best batch size is the baseline of the benchmark.
 *
 * <p>(c) langchain4j's in-process model, which an application would pick off the shelf: {@code
 * embedAll} runs one text per ONNX Runtime call, spread over a thread pool of one thread per core.
 * Twice, each time a warm-up over 32 chunks and then one measured {@code embedAll} of every chunk:
 *
 * <ul>
 *   <li>as it ships, {@link AllMiniLmL6V2EmbeddingModel}. Its {@code tokenizer.json} truncates at
 *       128 tokens (the ai-worker raises that to the model's 256), so it reads only the first 128
 *       tokens of a longer chunk: less work, and another vector;
 *   <li>the same graph and code ({@link OnnxEmbeddingModel}, mean pooling) with a copy of the
 *       tokenizer that truncates at 256, so it reads exactly the tokens that (a) and the ai-worker
 *       read. This one is the peer the target compares with.
 * </ul>
 *
 * Each peer's vectors are compared with (a)'s: the same tokens give the same vector, which checks
 * that both compute the same thing.
 */
final class EmbeddingEngines {

    /** One measured pass over the corpus. */
    record Pass(int batchSize, int chunks, double seconds, double machineCpuBusy) {

        double perSecond() {
            return chunks / seconds;
        }
    }

    /**
     * One run of a langchain4j model over the corpus; {@code minCosine}: the least cosine to (a)'s
     * vector of a chunk.
     */
    record Peer(String name, Pass pass, double minCosine) {}

    /**
     * @param raw (a) per batch size, in the order measured
     * @param shipped (c) as langchain4j ships it, truncating at 128 tokens
     * @param peer (c) reading the same 256 tokens as (a): the peer of the targets
     */
    record Result(double loadSeconds, List<Pass> raw, Peer shipped, Peer peer) {

        Pass best() {
            return raw.stream().max(Comparator.comparingDouble(Pass::perSecond)).orElseThrow();
        }
    }

    private static final int WARMUP_BATCH_SIZE = 16;
    private static final int PEER_WARMUP_CHUNKS = 32;

    private EmbeddingEngines() {}

    static Result run(
            EmbeddingOrtEngine engine,
            List<String> texts,
            List<Integer> batchSizes,
            Consumer<String> say)
            throws IOException {
        say.accept(
                String.format(
                        "    warm-up: %d chunks at batch size %d",
                        texts.size(), WARMUP_BATCH_SIZE));
        engine.embed(texts, WARMUP_BATCH_SIZE);
        List<Pass> raw = new ArrayList<>();
        float[][] bestVectors = null;
        double bestRate = 0;
        for (int batchSize : batchSizes) {
            engine.embed(texts.subList(0, Math.min(texts.size(), 2 * batchSize)), batchSize);
            MachineCpu cpu = MachineCpu.start();
            long started = System.nanoTime();
            float[][] vectors = engine.embed(texts, batchSize);
            Pass pass =
                    new Pass(
                            batchSize,
                            texts.size(),
                            (System.nanoTime() - started) / 1e9,
                            cpu.busy());
            raw.add(pass);
            say.accept(
                    String.format(
                            "    batch %3d: %7.2f chunks/s  (%.2f s)",
                            batchSize, pass.perSecond(), pass.seconds()));
            if (pass.perSecond() > bestRate) {
                bestRate = pass.perSecond();
                bestVectors = vectors;
            }
        }

        Peer shipped =
                peer(
                        "as shipped (tokenizer truncates at 128 tokens)",
                        new AllMiniLmL6V2EmbeddingModel(),
                        texts,
                        bestVectors,
                        say);
        Peer same;
        Path directory = Files.createTempDirectory("aic-bench-langchain4j");
        try {
            same =
                    peer(
                            "tokenizer truncating at 256 tokens, as (a)",
                            sameTokens(directory),
                            texts,
                            bestVectors,
                            say);
        } finally {
            try (var files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(directory);
        }
        return new Result(engine.loadSeconds(), raw, shipped, same);
    }

    private static Peer peer(
            String name,
            EmbeddingModel model,
            List<String> texts,
            float[][] reference,
            Consumer<String> say) {
        say.accept("(c) langchain4j embedAll, " + name);
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        model.embedAll(segments.subList(0, Math.min(segments.size(), PEER_WARMUP_CHUNKS)));
        MachineCpu cpu = MachineCpu.start();
        long started = System.nanoTime();
        List<Embedding> embedded = model.embedAll(segments).content();
        Pass pass = new Pass(1, texts.size(), (System.nanoTime() - started) / 1e9, cpu.busy());
        say.accept(String.format("    %7.2f chunks/s  (%.2f s)", pass.perSecond(), pass.seconds()));
        return new Peer(name, pass, minCosine(reference, embedded));
    }

    /**
     * langchain4j's OnnxEmbeddingModel on the same graph, with the tokenizer's truncation raised to
     * 256 tokens.
     */
    private static EmbeddingModel sameTokens(Path directory) throws IOException {
        Path graph = directory.resolve(EmbeddingTokenCounter.MODEL_RESOURCE);
        try (InputStream in =
                EmbeddingTokenCounter.resource(EmbeddingTokenCounter.MODEL_RESOURCE)) {
            Files.copy(in, graph);
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode tokenizer;
        try (InputStream in =
                EmbeddingTokenCounter.resource(EmbeddingTokenCounter.TOKENIZER_RESOURCE)) {
            tokenizer = (ObjectNode) json.readTree(in);
        }
        ((ObjectNode) tokenizer.path("truncation")).put("max_length", EmbeddingCorpus.MAX_TOKENS);
        Path tokenizerFile = directory.resolve(EmbeddingTokenCounter.TOKENIZER_RESOURCE);
        json.writeValue(tokenizerFile.toFile(), tokenizer);
        return new OnnxEmbeddingModel(graph, tokenizerFile, PoolingMode.MEAN);
    }

    private static double minCosine(float[][] ours, List<Embedding> theirs) {
        double min = 1;
        for (int i = 0; i < ours.length; i++) {
            float[] a = ours[i];
            float[] b = theirs.get(i).vector();
            double dot = 0;
            double normA = 0;
            double normB = 0;
            for (int d = 0; d < a.length; d++) {
                dot += a[d] * b[d];
                normA += a[d] * a[d];
                normB += b[d] * b[d];
            }
            min = Math.min(min, dot / Math.sqrt(normA * normB));
        }
        return min;
    }
}
