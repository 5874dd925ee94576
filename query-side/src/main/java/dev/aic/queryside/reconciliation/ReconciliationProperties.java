package dev.aic.queryside.reconciliation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often every instance compares what each streaming processor took with the event store, and
 * whether a mismatch rewinds the processor ({@code repair}) or is only reported.
 */
@ConfigurationProperties("aic.reconciliation")
record ReconciliationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1m") Duration checkInterval,
        @DefaultValue("true") boolean repair) {}
