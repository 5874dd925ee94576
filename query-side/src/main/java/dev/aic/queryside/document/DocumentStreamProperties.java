package dev.aic.queryside.document;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The processing status stream: how often it reads the status, and how long it stays open at most (a
 * stuck run must not hold a connection for ever; the client reconnects or reads the document).
 */
@ConfigurationProperties("aic.documents.status-stream")
record DocumentStreamProperties(@DefaultValue("500ms") Duration pollInterval, @DefaultValue("10m") Duration timeout,
                                @DefaultValue("2") int threads) {
}
