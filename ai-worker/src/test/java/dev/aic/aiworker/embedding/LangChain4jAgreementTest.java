package dev.aic.aiworker.embedding;

import static dev.aic.aiworker.embedding.ShippedModels.cosine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our engine and langchain4j's in-process models read the same files; equal vectors prove that our
 * tokenising, pooling (mean for MiniLM, [CLS] for BGE) and normalisation are right. langchain4j is
 * a test peer only.
 */
class LangChain4jAgreementTest {

    private static final List<String> SENTENCES =
            List.of(
                    "How do I keep my dog healthy?",
                    "Members upload talks, papers and slides to the knowledge hub.",
                    "The workshop on vector search starts at 10:00 in room B.",
                    "Quantized models trade a little accuracy for speed.",
                    "Überraschung: naïve café owners don't like 100% emoji 🎉 text!");

    static Map<String, OnnxTextEmbedder> ours;
    static Map<String, EmbeddingModel> theirs;

    @BeforeAll
    static void loadModels() {
        ours =
                Map.of(
                        ShippedModels.MINILM,
                        ShippedModels.embedder(ShippedModels.MINILM),
                        ShippedModels.BGE,
                        ShippedModels.embedder(ShippedModels.BGE));
        // DJL's engine must create the process's ONNX Runtime environment (with its thread pools)
        // before
        // langchain4j creates a plain one, which DJL cannot adopt: load ours first
        ours.values().forEach(OnnxTextEmbedder::model);
        theirs =
                Map.of(
                        ShippedModels.MINILM,
                        new AllMiniLmL6V2EmbeddingModel(),
                        ShippedModels.BGE,
                        new BgeSmallEnV15QuantizedEmbeddingModel());
    }

    @AfterAll
    static void closeModels() {
        ours.values().forEach(OnnxTextEmbedder::close);
    }

    @ParameterizedTest
    @ValueSource(strings = {ShippedModels.MINILM, ShippedModels.BGE})
    void ourVectorsMatchLangChain4jsForTheSameModel(String model) {
        for (String sentence : SENTENCES) {
            float[] vector = ours.get(model).embed(List.of(sentence)).vectors().get(0);
            float[] reference = theirs.get(model).embed(sentence).content().vector();

            assertThat(vector).hasSameSizeAs(reference);
            assertThat(cosine(vector, reference)).as(sentence).isGreaterThanOrEqualTo(0.999);
        }
    }

    /**
     * langchain4j embeds one text at a time; we batch. For the fp32 model that changes nothing. The
     * int8 model quantizes its activations dynamically, with one scale per tensor, so the texts
     * sharing a batch (and its padding) nudge each other's vectors a little: close, but not equal.
     */
    @ParameterizedTest
    @CsvSource({ShippedModels.MINILM + ",0.99999", ShippedModels.BGE + ",0.99"})
    void batchingKeepsTheVectorsOfTheFullPrecisionModelAndNearlyThoseOfTheQuantizedOne(
            String model, double atLeast) {
        List<float[]> vectors = ours.get(model).embed(SENTENCES).vectors();

        for (int i = 0; i < SENTENCES.size(); i++) {
            float[] reference = theirs.get(model).embed(SENTENCES.get(i)).content().vector();
            assertThat(cosine(vectors.get(i), reference))
                    .as(SENTENCES.get(i))
                    .isGreaterThanOrEqualTo(atLeast);
        }
    }
}
