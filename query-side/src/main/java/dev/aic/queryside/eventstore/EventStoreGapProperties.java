package dev.aic.queryside.eventstore;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the processors keep waiting for a global position whose transaction has not committed. PostgreSQL
 * hands positions out at insert, not at commit; Axon drops a wait (a gap) as soon as it reads an event whose
 * timestamp is older than {@code gapTimeout}, and an event that commits after that is never read. The timeout must
 * exceed twice the longest life of an event-appending transaction (the command-side bounds it); the
 * reconciliation catches what slips through anyway.
 *
 * @param gapCleaningThreshold gaps a token holds before the engine looks for timed-out ones to drop
 */
@ConfigurationProperties("aic.event-store")
record EventStoreGapProperties(@DefaultValue("10m") Duration gapTimeout,
                               @DefaultValue("250") int gapCleaningThreshold) {
}
