package dev.aic.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * ONNX Runtime alone, the physical limit of embedding on this machine: all-MiniLM-L6-v2's graph in
 * one {@link OrtSession} with ONNX Runtime's default options (all graph optimisations, one intra-op
 * thread per core), fed directly, with no DJL engine, no Spring, no Kafka between.
 *
 * <p>It does what every embedder must and no more: tokenise with DJL's Hugging Face tokenizer
 * (truncating at 256 tokens, as the ai-worker does), sort the texts by token count and cut them
 * into batches (as the ai-worker does), pad each batch to its longest text, run the graph, and
 * mean-pool the real tokens' vectors of {@code last_hidden_state} and normalise them. Tokenising,
 * padding, pooling and normalising are counted: they are a few per cent of a run, and the ai-worker
 * pays them too.
 */
final class EmbeddingOrtEngine implements AutoCloseable {

    static final int DIMENSION = 384;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean takesTypeIds;
    private final double loadSeconds;

    private EmbeddingOrtEngine(
            OrtEnvironment environment,
            OrtSession session,
            HuggingFaceTokenizer tokenizer,
            double loadSeconds)
            throws OrtException {
        this.environment = environment;
        this.session = session;
        this.tokenizer = tokenizer;
        this.takesTypeIds = session.getInputNames().contains("token_type_ids");
        this.loadSeconds = loadSeconds;
    }

    /** Reads the ONNX file and the tokenizer from the class path and builds the session. */
    static EmbeddingOrtEngine load() {
        keepDjlOffline();
        long started = System.nanoTime();
        byte[] graph;
        try (InputStream in =
                EmbeddingTokenCounter.resource(EmbeddingTokenCounter.MODEL_RESOURCE)) {
            graph = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the ONNX graph from the class path failed", e);
        }
        String maxTokens = Integer.toString(EmbeddingCorpus.MAX_TOKENS);
        HuggingFaceTokenizer tokenizer =
                EmbeddingTokenCounter.tokenizer(
                        Map.of(
                                "addSpecialTokens",
                                "true",
                                "truncation",
                                "true",
                                "padding",
                                "false",
                                "maxLength",
                                maxTokens,
                                "modelMaxLength",
                                maxTokens));
        try {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session = environment.createSession(graph, new OrtSession.SessionOptions());
            return new EmbeddingOrtEngine(
                    environment, session, tokenizer, (System.nanoTime() - started) / 1e9);
        } catch (OrtException e) {
            tokenizer.close();
            throw new IllegalStateException(
                    "ONNX Runtime could not load all-minilm-l6-v2: " + e.getMessage(), e);
        }
    }

    /**
     * DJL must neither download natives nor call home; the tokenizers jar carries its native
     * library.
     */
    static void keepDjlOffline() {
        if (System.getenv("DJL_OFFLINE") == null && System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getenv("OPT_OUT_TRACKING") == null
                && System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }

    double loadSeconds() {
        return loadSeconds;
    }

    /** Unit vectors of the texts, in their order, embedded {@code batchSize} at a time. */
    float[][] embed(List<String> texts, int batchSize) {
        Encoding[] encodings = tokenizer.batchEncode(texts);
        int[] byLength =
                IntStream.range(0, encodings.length)
                        .boxed()
                        .sorted(Comparator.comparingInt(i -> encodings[i].getIds().length))
                        .mapToInt(Integer::intValue)
                        .toArray();
        float[][] vectors = new float[texts.size()][];
        for (int start = 0; start < byLength.length; start += batchSize) {
            int end = Math.min(start + batchSize, byLength.length);
            List<Encoding> batch = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) {
                batch.add(encodings[byLength[i]]);
            }
            float[][] pooled = run(batch);
            for (int i = start; i < end; i++) {
                vectors[byLength[i]] = pooled[i - start];
            }
        }
        return vectors;
    }

    /** One text alone, as a search query is embedded. */
    float[] embedOne(String text) {
        return run(List.of(tokenizer.encode(text)))[0];
    }

    private float[][] run(List<Encoding> batch) {
        int rows = batch.size();
        int width = batch.stream().mapToInt(encoding -> encoding.getIds().length).max().orElse(0);
        long[] ids = new long[rows * width];
        long[] mask = new long[rows * width];
        for (int row = 0; row < rows; row++) {
            long[] tokens = batch.get(row).getIds();
            System.arraycopy(tokens, 0, ids, row * width, tokens.length);
            Arrays.fill(mask, row * width, row * width + tokens.length, 1L);
        }
        long[] shape = {rows, width};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(
                    "input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
            inputs.put(
                    "attention_mask",
                    OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
            if (takesTypeIds) {
                inputs.put(
                        "token_type_ids",
                        OnnxTensor.createTensor(
                                environment, LongBuffer.wrap(new long[rows * width]), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                FloatBuffer states = ((OnnxTensor) result.get(0)).getFloatBuffer();
                return meanPool(states, mask, rows, width);
            }
        } catch (OrtException e) {
            throw new IllegalStateException(
                    "ONNX Runtime failed on a batch of " + rows + ": " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Mean of the real tokens' vectors (padding left out), scaled to unit length. */
    private static float[][] meanPool(FloatBuffer states, long[] mask, int rows, int width) {
        float[][] pooled = new float[rows][DIMENSION];
        for (int row = 0; row < rows; row++) {
            float[] vector = pooled[row];
            int tokens = 0;
            for (int t = 0; t < width; t++) {
                if (mask[row * width + t] == 0) {
                    continue;
                }
                tokens++;
                int offset = (row * width + t) * DIMENSION;
                for (int d = 0; d < DIMENSION; d++) {
                    vector[d] += states.get(offset + d);
                }
            }
            double norm = 0;
            for (int d = 0; d < DIMENSION; d++) {
                vector[d] /= tokens;
                norm += vector[d] * vector[d];
            }
            float scale = (float) (1 / Math.sqrt(norm));
            for (int d = 0; d < DIMENSION; d++) {
                vector[d] *= scale;
            }
        }
        return pooled;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the ONNX Runtime session failed", e);
        } finally {
            tokenizer.close();
        }
    }
}
