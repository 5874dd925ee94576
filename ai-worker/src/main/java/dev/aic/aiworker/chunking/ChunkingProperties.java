package dev.aic.aiworker.chunking;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How documents are cut into chunks ({@code aic.chunking.*}).
 *
 * @param maxTokens the most tokens of a chunk; 0 (the default) takes the active model's {@code
 *     max-tokens}
 * @param overlapPercent the share of a chunk's tokens that may repeat sentences of the chunk before
 *     it
 */
@ConfigurationProperties("aic.chunking")
record ChunkingProperties(
        @DefaultValue("0") int maxTokens, @DefaultValue("15") int overlapPercent) {

    ChunkingProperties {
        if (maxTokens < 0) {
            throw new IllegalArgumentException(
                    "aic.chunking.max-tokens must not be negative, was " + maxTokens);
        }
        if (overlapPercent < 0 || overlapPercent > 50) {
            throw new IllegalArgumentException(
                    "aic.chunking.overlap-percent must be between 0 and 50, was " + overlapPercent);
        }
    }
}
