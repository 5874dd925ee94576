package dev.aic.queryside.projection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds of each projection's dead-letter queue. A full queue refuses the next poison event, which
 * then stops its processor (retrying) rather than parking without limit: a flood of failures is an
 * incident, not backlog.
 *
 * @param maxSequences aggregates with parked events, per processor
 * @param maxSequenceSize parked events per aggregate
 * @param claimDuration how long a retry holds a sequence before another instance may take it over
 */
@ConfigurationProperties("aic.projections.dead-letters")
record DeadLetterProperties(
        @DefaultValue("1024") int maxSequences,
        @DefaultValue("1024") int maxSequenceSize,
        @DefaultValue("30s") Duration claimDuration) {}
