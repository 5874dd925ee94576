package dev.aic.aiworker.chunking;

import dev.aic.aiworker.embedding.TokenCounter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The chunker, sized to the active embedding model unless {@code aic.chunking.max-tokens} sets
 * less.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChunkingProperties.class)
class ChunkingConfiguration {

    @Bean
    TextChunker textChunker(TokenCounter counter, ChunkingProperties properties) {
        int maxTokens = properties.maxTokens() == 0 ? counter.maxTokens() : properties.maxTokens();
        return new TextChunker(counter, maxTokens, maxTokens * properties.overlapPercent() / 100);
    }
}
