package dev.aic.aiworker.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds with a local ONNX model through DJL: tokenise, run the session in batches, pool,
 * normalise.
 *
 * <p>The model loads on first use, once, so that start-up stays quick and a worker that never
 * embeds never pays for it; the configuration and the files' presence are checked at start-up
 * already ({@link EmbeddingModelSpec}). Texts of one call are sorted by token count before
 * batching, so a batch pads to lengths close to its own.
 *
 * <p>Thread safety: concurrent calls share one session (see {@link LoadedModel}); loading is
 * guarded so that it happens once.
 */
final class OnnxTextEmbedder implements TextEmbedder, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OnnxTextEmbedder.class);

    private final EmbeddingModelSpec spec;
    private final int batchSize;
    private final int intraOpThreads;
    private final Object lock = new Object();
    private volatile LoadedModel loaded;
    private boolean closed;

    OnnxTextEmbedder(EmbeddingModelSpec spec, int batchSize, int intraOpThreads) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        }
        this.spec = spec;
        this.batchSize = batchSize;
        this.intraOpThreads = intraOpThreads;
    }

    @Override
    public EmbeddingModelVersion model() {
        return loaded().version();
    }

    @Override
    public Embeddings embed(List<String> texts) {
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException(
                        "text " + i + " of " + texts.size() + " is blank; only text is embedded");
            }
        }
        LoadedModel model = loaded();
        float[][] vectors = new float[texts.size()][];
        if (texts.isEmpty()) {
            return new Embeddings(model.version(), List.of());
        }
        Encoding[] encodings = model.tokenize(texts);
        int[] byLength =
                IntStream.range(0, encodings.length)
                        .boxed()
                        .sorted(Comparator.comparingInt(i -> encodings[i].getIds().length))
                        .mapToInt(Integer::intValue)
                        .toArray();
        try (Predictor<TokenBatch, HiddenStates> predictor = model.newPredictor()) {
            for (int start = 0; start < byLength.length; start += batchSize) {
                int[] rows =
                        Arrays.copyOfRange(
                                byLength, start, Math.min(start + batchSize, byLength.length));
                List<Encoding> batch = new ArrayList<>(rows.length);
                for (int row : rows) {
                    batch.add(encodings[row]);
                }
                TokenBatch tokens = TokenBatch.of(batch);
                HiddenStates states = predictor.predict(tokens);
                for (int row = 0; row < rows.length; row++) {
                    float[] vector = spec.pooling().pool(states, row, tokens.attentionMask());
                    vectors[rows[row]] = spec.normalize() ? UnitVectors.normalize(vector) : vector;
                }
            }
        } catch (TranslateException e) {
            throw new EmbeddingFailedException(
                    "Embedding model '"
                            + spec.name()
                            + "' failed on a batch of "
                            + texts.size()
                            + " texts: "
                            + e.getMessage(),
                    e);
        }
        return new Embeddings(model.version(), Arrays.asList(vectors));
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (loaded != null) {
                loaded.close();
                loaded = null;
            }
        }
    }

    private LoadedModel loaded() {
        LoadedModel current = loaded;
        if (current != null) {
            return current;
        }
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException(
                        "the embedder of model '" + spec.name() + "' is closed");
            }
            if (loaded == null) {
                long started = System.nanoTime();
                loaded = LoadedModel.load(spec, intraOpThreads);
                log.atInfo()
                        .addKeyValue("model", spec.name())
                        .addKeyValue("fingerprint", loaded.version().fingerprint())
                        .log(
                                "Loaded embedding model {} ({} dimensions, {} pooling) in {} ms",
                                spec.name(),
                                spec.dimension(),
                                spec.pooling(),
                                (System.nanoTime() - started) / 1_000_000);
            }
            return loaded;
        }
    }
}
