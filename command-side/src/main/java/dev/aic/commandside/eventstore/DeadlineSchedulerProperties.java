package dev.aic.commandside.eventstore;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The persistent deadline scheduler ({@code aic.deadlines}): how often it looks for due deadlines,
 * how many it runs at once, and how long a shutdown waits for running ones.
 */
@ConfigurationProperties("aic.deadlines")
public record DeadlineSchedulerProperties(Duration pollingInterval, Integer threads, Duration shutdownMaxWait) {

    public DeadlineSchedulerProperties {
        pollingInterval = pollingInterval == null ? Duration.ofSeconds(5) : pollingInterval;
        threads = threads == null ? 4 : threads;
        shutdownMaxWait = shutdownMaxWait == null ? Duration.ofSeconds(10) : shutdownMaxWait;
    }
}
