package dev.aic.aiworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aic.aiworker.chunking.TextChunker;
import dev.aic.aiworker.embedding.TokenCounter;
import dev.aic.aiworker.extraction.DocumentExtractor;
import dev.aic.aiworker.extraction.ExtractionFailedException;
import dev.aic.contracts.document.ProcessingFailureReason;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The extractor and the chunker as the shipped application.yml configures them. */
class ExtractionAndChunkingConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @ComponentScan({
        "dev.aic.aiworker.embedding",
        "dev.aic.aiworker.extraction",
        "dev.aic.aiworker.chunking"
    })
    static class Pipeline {}

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner()
                    .withInitializer(new ConfigDataApplicationContextInitializer())
                    .withUserConfiguration(Pipeline.class);

    @Test
    void theShippedConfigurationStartsAnExtractorAndAChunkerSizedToTheModel() {
        runner.run(
                context -> {
                    assertThat(context)
                            .hasNotFailed()
                            .hasSingleBean(DocumentExtractor.class)
                            .hasSingleBean(TextChunker.class);
                    assertThat(context.getBean(TokenCounter.class).maxTokens()).isEqualTo(256);
                });
    }

    @Test
    void theByteLimitIsConfiguration() {
        runner.withPropertyValues("aic.extraction.max-bytes=10B")
                .run(
                        context -> {
                            DocumentExtractor extractor = context.getBean(DocumentExtractor.class);
                            byte[] text =
                                    "More than ten bytes of text.".getBytes(StandardCharsets.UTF_8);

                            assertThatThrownBy(() -> extractor.extract(text, "text/plain"))
                                    .isInstanceOfSatisfying(
                                            ExtractionFailedException.class,
                                            e ->
                                                    assertThat(e.reason())
                                                            .isEqualTo(
                                                                    ProcessingFailureReason
                                                                            .TOO_LARGE));
                        });
    }

    @Test
    void chunksLargerThanTheModelReadsStopStartUp() {
        runner.withPropertyValues("aic.chunking.max-tokens=1000")
                .run(
                        context ->
                                assertThat(context)
                                        .getFailure()
                                        .rootCause()
                                        .hasMessageContaining(
                                                "chunks of 1000 tokens do not fit the model"));
    }

    @Test
    void anOverlapOfMoreThanHalfAChunkStopsStartUp() {
        runner.withPropertyValues("aic.chunking.overlap-percent=80")
                .run(
                        context ->
                                assertThat(context)
                                        .getFailure()
                                        .rootCause()
                                        .hasMessageContaining(
                                                "aic.chunking.overlap-percent must be between 0 and 50"));
    }
}
