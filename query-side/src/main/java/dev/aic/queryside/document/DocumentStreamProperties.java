package dev.aic.queryside.document;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The processing status stream: how often a followed document's status is read (once per document,
 * however many streams follow it), how long a stream stays open at most (a stuck run must not hold
 * a connection for ever; the client reconnects or reads the document), and how many may be open per
 * caller and in all (each holds a connection of the server's).
 */
@ConfigurationProperties("aic.documents.status-stream")
record DocumentStreamProperties(
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("10m") Duration timeout,
        @DefaultValue("2") int threads,
        @DefaultValue("4") int maxStreamsPerCaller,
        @DefaultValue("200") int maxStreams) {}
