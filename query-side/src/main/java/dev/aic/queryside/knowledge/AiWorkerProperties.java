package dev.aic.queryside.knowledge;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the ai-worker embeds search queries. Timeouts are short: a search waits for the embedding, and an
 * ai-worker that does not answer quickly is treated as unavailable (semantic search answers 503, hybrid falls
 * back to full text) rather than holding requests.
 *
 * @param modelCache how long the ai-worker's active model is remembered
 */
@ConfigurationProperties("aic.ai-worker")
record AiWorkerProperties(URI url, Duration connectTimeout, Duration readTimeout, Duration modelCache) {

    AiWorkerProperties {
        url = url == null ? URI.create("http://127.0.0.1:8083") : url;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(1) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(5) : readTimeout;
        modelCache = modelCache == null ? Duration.ofSeconds(30) : modelCache;
    }
}
