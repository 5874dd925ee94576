package dev.aic.aiworker.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Start-up with the shipped application.yml: good configuration starts, bad configuration stops
 * with a reason.
 */
class EmbeddingConfigurationTest {

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner()
                    .withInitializer(new ConfigDataApplicationContextInitializer())
                    .withUserConfiguration(EmbeddingConfiguration.class);

    @Test
    void theShippedConfigurationStartsWithTheDefaultModel() {
        runner.run(
                context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(TextEmbedder.class);
                    assertThat(context.getBean(EmbeddingProperties.class).active())
                            .isEqualTo("all-minilm-l6-v2");
                });
    }

    @Test
    void switchingTheModelIsOneProperty() {
        runner.withPropertyValues("aic.embedding.active=bge-small-en-v15-q")
                .run(
                        context -> {
                            TextEmbedder embedder = context.getBean(TextEmbedder.class);

                            Embeddings embeddings = embedder.embed(List.of("A talk about BGE."));

                            assertThat(embeddings.model().name()).isEqualTo("bge-small-en-v15-q");
                            assertThat(embeddings.vectors().get(0)).hasSize(384);
                        });
    }

    @Test
    void anActiveModelThatIsNotConfiguredStopsStartUpAndListsTheConfiguredOnes() {
        runner.withPropertyValues("aic.embedding.active=all-minilm-l12-v2")
                .run(
                        context ->
                                assertThat(context)
                                        .getFailure()
                                        .rootCause()
                                        .isInstanceOf(InvalidEmbeddingConfigurationException.class)
                                        .hasMessage(
                                                "aic.embedding.active names model 'all-minilm-l12-v2', which is not configured under"
                                                        + " aic.embedding.models; configured models: all-minilm-l6-v2, bge-small-en-v15-q"));
    }

    @Test
    void aMissingModelFileStopsStartUpNamingTheProperty() {
        runner.withPropertyValues(
                        "aic.embedding.models.all-minilm-l6-v2.model-file=classpath:models/absent.onnx")
                .run(
                        context ->
                                assertThat(context)
                                        .getFailure()
                                        .rootCause()
                                        .isInstanceOf(InvalidEmbeddingConfigurationException.class)
                                        .hasMessageContaining(
                                                "Embedding model 'all-minilm-l6-v2' is misconfigured")
                                        .hasMessageContaining(
                                                "aic.embedding.models.all-minilm-l6-v2.model-file")
                                        .hasMessageContaining("models/absent.onnx")
                                        .hasMessageContaining("does not exist"));
    }

    @Test
    void aModelWithoutPoolingStopsStartUp() {
        runner.withPropertyValues(
                        "aic.embedding.active=custom",
                        "aic.embedding.models.custom.model-file=classpath:all-minilm-l6-v2.onnx",
                        "aic.embedding.models.custom.tokenizer-file=classpath:all-minilm-l6-v2-tokenizer.json",
                        "aic.embedding.models.custom.dimension=384",
                        "aic.embedding.models.custom.max-tokens=128")
                .run(
                        context ->
                                assertThat(context)
                                        .getFailure()
                                        .rootCause()
                                        .hasMessageContaining(
                                                "aic.embedding.models.custom.pooling is not set"));
    }

    @Test
    void aDimensionThatTheModelDoesNotProduceFailsWhenTheModelLoadsNamingBoth() {
        runner.withPropertyValues("aic.embedding.models.all-minilm-l6-v2.dimension=768")
                .run(
                        context -> {
                            TextEmbedder embedder = context.getBean(TextEmbedder.class);

                            assertThatThrownBy(() -> embedder.embed(List.of("anything")))
                                    .isInstanceOf(InvalidEmbeddingConfigurationException.class)
                                    .hasMessage(
                                            "Embedding model 'all-minilm-l6-v2' produces 384-dimensional vectors, but"
                                                    + " aic.embedding.models.all-minilm-l6-v2.dimension is 768");
                        });
    }

    @Test
    void aFileThatIsNotAnOnnxModelFailsWithTheFileNamed() {
        runner.withPropertyValues(
                        "aic.embedding.models.all-minilm-l6-v2.model-file=classpath:all-minilm-l6-v2-tokenizer.json")
                .run(
                        context ->
                                assertThatThrownBy(
                                                () -> context.getBean(TextEmbedder.class).model())
                                        .isInstanceOf(InvalidEmbeddingConfigurationException.class)
                                        .hasMessageContaining(
                                                "Embedding model 'all-minilm-l6-v2' could not be loaded from class path"
                                                        + " resource [all-minilm-l6-v2-tokenizer.json]"));
    }
}
