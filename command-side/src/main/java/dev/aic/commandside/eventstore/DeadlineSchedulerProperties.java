package dev.aic.commandside.eventstore;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The persistent deadline scheduler ({@code aic.deadlines}): how often it looks for due deadlines,
 * how many it runs at once, and how long a shutdown waits for running ones.
 */
@ConfigurationProperties("aic.deadlines")
public record DeadlineSchedulerProperties(
        @DefaultValue("PT5S") Duration pollingInterval,
        @DefaultValue("4") int threads,
        @DefaultValue("PT10S") Duration shutdownMaxWait) {}
