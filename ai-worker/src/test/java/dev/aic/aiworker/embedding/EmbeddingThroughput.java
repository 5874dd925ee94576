package dev.aic.aiworker.embedding;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A quick throughput probe, not a test: chunks of about 128 tokens per second for each shipped
 * model at a few batch sizes. The proper benchmark (ratios to a baseline in one run) belongs to
 * {@code bench/}.
 *
 * <pre>{@code
 * java -cp <ai-worker test class path> dev.aic.aiworker.embedding.EmbeddingThroughput [chunks] [batch sizes...]
 * }</pre>
 */
final class EmbeddingThroughput {

    private static final String[] WORDS =
            ("members organise community events meetups workshops conferences "
                            + "speakers present talks about retrieval embeddings vector search transformers tokenizers chunking "
                            + "documents slides papers knowledge hub semantic ranking citations agenda rooms sessions schedule "
                            + "solver constraints kafka postgres opensearch index latency throughput batch model quantized "
                            + "attention pooling normalisation cosine similarity recall precision evaluation benchmark")
                    .split(" ");

    private EmbeddingThroughput() {}

    public static void main(String[] args) {
        int chunks = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int[] batchSizes =
                args.length > 1
                        ? java.util.Arrays.stream(args, 1, args.length)
                                .mapToInt(Integer::parseInt)
                                .toArray()
                        : new int[] {1, 8, 16, 32};
        List<String> texts = chunks(chunks, new Random(42));
        for (String model : List.of(ShippedModels.MINILM, ShippedModels.BGE)) {
            EmbeddingProperties shipped = ShippedModels.properties();
            EmbeddingModelSpec spec =
                    new EmbeddingProperties(model, 1, 0, shipped.models()).activeModel();
            try (LoadedModel loaded = LoadedModel.load(spec, 0)) {
                double tokens =
                        java.util.Arrays.stream(loaded.tokenize(texts))
                                .mapToInt(encoding -> encoding.getIds().length)
                                .average()
                                .orElse(0);
                System.out.printf(
                        "%s: %d chunks, %.1f tokens each on average%n",
                        model, texts.size(), tokens);
            }
            for (int batchSize : batchSizes) {
                try (OnnxTextEmbedder embedder = new OnnxTextEmbedder(spec, batchSize, 0)) {
                    embedder.embed(texts.subList(0, Math.min(texts.size(), 2 * batchSize)));
                    long started = System.nanoTime();
                    embedder.embed(texts);
                    double seconds = (System.nanoTime() - started) / 1e9;
                    System.out.printf(
                            "%s batch %d: %.1f chunks/s%n",
                            model, batchSize, texts.size() / seconds);
                }
            }
        }
    }

    /** Sentences of random domain words, about 128 tokens per chunk. */
    private static List<String> chunks(int count, Random random) {
        List<String> chunks = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            StringBuilder chunk = new StringBuilder();
            for (int word = 0; word < 85; word++) {
                chunk.append(WORDS[random.nextInt(WORDS.length)])
                        .append(word % 12 == 11 ? ". " : " ");
            }
            chunks.add(chunk.toString().trim());
        }
        return chunks;
    }
}
