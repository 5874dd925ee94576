package dev.aic.aiworker.embedding;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Counts with the model's own {@code tokenizer.json}, loaded a second time without truncation: the
 * embedder's tokenizer truncates at the limit, so it could not tell a text of exactly the limit
 * from a longer one. Only the tokenizer loads here, never the ONNX graph, so chunking does not pay
 * for the model.
 */
final class HuggingFaceTokenCounter implements TokenCounter, AutoCloseable {

    private final EmbeddingModelSpec spec;
    private final Object lock = new Object();
    private volatile HuggingFaceTokenizer tokenizer;
    private volatile int specialTokens = -1;

    HuggingFaceTokenCounter(EmbeddingModelSpec spec) {
        this.spec = spec;
    }

    @Override
    public int maxTokens() {
        return spec.maxTokens();
    }

    @Override
    public int specialTokens() {
        tokenizer();
        return specialTokens;
    }

    @Override
    public int count(String text) {
        return tokenizer().encode(text).getIds().length;
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (tokenizer != null) {
                tokenizer.close();
                tokenizer = null;
            }
        }
    }

    private HuggingFaceTokenizer tokenizer() {
        HuggingFaceTokenizer current = tokenizer;
        if (current != null) {
            return current;
        }
        synchronized (lock) {
            if (tokenizer == null) {
                DjlOffline.enforce();
                HuggingFaceTokenizer loaded = load();
                specialTokens = loaded.encode("").getIds().length;
                tokenizer = loaded;
            }
            return tokenizer;
        }
    }

    private HuggingFaceTokenizer load() {
        Map<String, String> options =
                Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false");
        try (InputStream in = spec.tokenizerFile().getInputStream()) {
            return HuggingFaceTokenizer.newInstance(in, options);
        } catch (IOException | RuntimeException e) {
            throw new InvalidEmbeddingConfigurationException(
                    "The tokenizer of embedding model '"
                            + spec.name()
                            + "' could not be loaded from "
                            + spec.tokenizerFile().getDescription()
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }
}
