package dev.aic.queryside.knowledge;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the ai-worker embeds search queries. Timeouts are short: a search waits for the embedding,
 * and an ai-worker that does not answer quickly is treated as unavailable (semantic search answers
 * 503, hybrid falls back to full text) rather than holding requests.
 *
 * @param modelCache how long the ai-worker's active model is remembered
 */
@ConfigurationProperties("aic.ai-worker")
record AiWorkerProperties(
        @DefaultValue("http://127.0.0.1:8083") URI url,
        @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue("30s") Duration modelCache) {}
