package dev.aic.aiworker.embedding;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A model in memory: the ONNX Runtime session (inside a DJL {@link Model}), its tokenizer and its
 * version.
 *
 * <p>Thread safety: the session and the tokenizer are shared by all callers. ONNX Runtime allows
 * concurrent {@code run} calls on one session, and the Rust tokenizer encodes concurrently; only a
 * DJL {@link Predictor} is single-threaded, so every call gets its own ({@link #newPredictor()}; it
 * is cheap and holds no weights).
 */
final class LoadedModel implements AutoCloseable {

    private static final String ENGINE = "OnnxRuntime";

    private final EmbeddingModelSpec spec;
    private final Model model;
    private final HuggingFaceTokenizer tokenizer;
    private final HiddenStatesTranslator translator;
    private final EmbeddingModelVersion version;

    private LoadedModel(
            EmbeddingModelSpec spec,
            Model model,
            HuggingFaceTokenizer tokenizer,
            String fingerprint) {
        this.spec = spec;
        this.model = model;
        this.tokenizer = tokenizer;
        this.translator = new HiddenStatesTranslator(new HashSet<>(model.describeInput().keys()));
        this.version = new EmbeddingModelVersion(spec.name(), fingerprint, spec.dimension());
    }

    /**
     * Reads the model and tokenizer files, fingerprinting them on the way, and checks that the
     * model's output has the configured dimension.
     *
     * @throws InvalidEmbeddingConfigurationException if a file cannot be read or does not fit the
     *     configuration
     */
    static LoadedModel load(EmbeddingModelSpec spec, int intraOpThreads) {
        DjlOffline.enforce();
        MessageDigest sha256 = sha256();
        Model model = Model.newInstance(spec.name(), Device.cpu(), ENGINE);
        HuggingFaceTokenizer tokenizer = null;
        try {
            try (InputStream in =
                    new DigestInputStream(spec.modelFile().getInputStream(), sha256)) {
                model.load(in, sessionOptions(intraOpThreads));
            }
            try (InputStream in =
                    new DigestInputStream(spec.tokenizerFile().getInputStream(), sha256)) {
                tokenizer =
                        HuggingFaceTokenizer.newInstance(in, tokenizerOptions(spec.maxTokens()));
            }
            sha256.update(spec.vectorSettings().getBytes(StandardCharsets.UTF_8));
            LoadedModel loaded =
                    new LoadedModel(
                            spec, model, tokenizer, HexFormat.of().formatHex(sha256.digest()));
            loaded.checkDimension();
            return loaded;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            if (tokenizer != null) {
                tokenizer.close();
            }
            model.close();
            if (e instanceof InvalidEmbeddingConfigurationException invalid) {
                throw invalid;
            }
            throw new InvalidEmbeddingConfigurationException(
                    "Embedding model '"
                            + spec.name()
                            + "' could not be loaded from "
                            + spec.modelFile().getDescription()
                            + " and "
                            + spec.tokenizerFile().getDescription()
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    EmbeddingModelSpec spec() {
        return spec;
    }

    EmbeddingModelVersion version() {
        return version;
    }

    /**
     * Tokens with [CLS] and [SEP], truncated to the model's limit, not padded (batches pad to their
     * longest).
     */
    Encoding[] tokenize(List<String> texts) {
        return tokenizer.batchEncode(texts);
    }

    /** A predictor for one caller; close it when done. */
    Predictor<TokenBatch, HiddenStates> newPredictor() {
        return model.newPredictor(translator);
    }

    @Override
    public void close() {
        tokenizer.close();
        model.close();
    }

    private void checkDimension() {
        HiddenStates states;
        try (Predictor<TokenBatch, HiddenStates> predictor = newPredictor()) {
            states =
                    predictor.predict(
                            TokenBatch.of(List.of(tokenize(List.of("dimension check"))[0])));
        } catch (ai.djl.translate.TranslateException e) {
            throw new InvalidEmbeddingConfigurationException(
                    "Embedding model '"
                            + spec.name()
                            + "' failed on its first input: "
                            + e.getMessage(),
                    e);
        }
        if (states.width() != spec.dimension()) {
            throw new InvalidEmbeddingConfigurationException(
                    "Embedding model '"
                            + spec.name()
                            + "' produces "
                            + states.width()
                            + "-dimensional vectors, but aic.embedding.models."
                            + spec.name()
                            + ".dimension is "
                            + spec.dimension());
        }
    }

    private static Map<String, String> sessionOptions(int intraOpThreads) {
        Map<String, String> options = new HashMap<>();
        if (intraOpThreads > 0) {
            options.put("intraOpNumThreads", Integer.toString(intraOpThreads));
        }
        return options;
    }

    private static Map<String, String> tokenizerOptions(int maxTokens) {
        return Map.of(
                "addSpecialTokens", "true",
                "truncation", "true",
                "padding", "false",
                "maxLength", Integer.toString(maxTokens),
                "modelMaxLength", Integer.toString(maxTokens));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
