package dev.aic.aiworker.embedding;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The models exactly as application.yml configures them, without starting Spring. */
final class ShippedModels {

    static final String MINILM = "all-minilm-l6-v2";
    static final String BGE = "bge-small-en-v15-q";

    private ShippedModels() {}

    static EmbeddingProperties properties() {
        StandardEnvironment environment = new StandardEnvironment();
        try {
            new YamlPropertySourceLoader()
                    .load("application.yml", new ClassPathResource("application.yml"))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Binder.get(environment).bind("aic.embedding", EmbeddingProperties.class).get();
    }

    /** An embedder of the named model, with the shipped batch size; the caller closes it. */
    static OnnxTextEmbedder embedder(String model) {
        EmbeddingProperties shipped = properties();
        EmbeddingProperties chosen =
                new EmbeddingProperties(
                        model, shipped.batchSize(), shipped.intraOpThreads(), shipped.models());
        return new OnnxTextEmbedder(
                chosen.activeModel(), chosen.batchSize(), chosen.intraOpThreads());
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            normA += (double) a[i] * a[i];
            normB += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(normA * normB);
    }

    static double length(float[] vector) {
        double sum = 0;
        for (float value : vector) {
            sum += (double) value * value;
        }
        return Math.sqrt(sum);
    }
}
