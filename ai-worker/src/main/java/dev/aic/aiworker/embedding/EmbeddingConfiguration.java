package dev.aic.aiworker.embedding;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedder of the active model, and a token counter with its tokenizer for the chunker.
 * Start-up checks the configuration and that the model's files exist, and fails with a message
 * naming the property at fault; the model itself loads on first use.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EmbeddingProperties.class)
class EmbeddingConfiguration {

    @Bean(destroyMethod = "close")
    OnnxTextEmbedder textEmbedder(EmbeddingProperties properties) {
        return new OnnxTextEmbedder(
                properties.activeModel(), properties.batchSize(), properties.intraOpThreads());
    }

    /** The active embedder above and, loaded when first asked for, the other configured models. */
    @Bean(destroyMethod = "close")
    EmbeddingModels embeddingModels(EmbeddingProperties properties, OnnxTextEmbedder textEmbedder) {
        return new EmbeddingModels(properties, textEmbedder);
    }

    @Bean(destroyMethod = "close")
    HuggingFaceTokenCounter tokenCounter(EmbeddingProperties properties) {
        return new HuggingFaceTokenCounter(properties.activeModel());
    }
}
