package dev.aic.commandside.eventstore;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * PostgreSQL hands global positions out at insert and makes them visible at commit, so a processor reading the
 * store (the Kafka publisher, the notifications) waits for a position below one it read: a gap. Axon stops waiting
 * as soon as it reads an event whose timestamp is older than {@code gapTimeout}; an event committed after that is
 * never read (AxonFramework #4829), here an integration event never published.
 * <p>
 * No event commits more than {@code commitDeadline} plus PostgreSQL's {@code idle_in_transaction_session_timeout}
 * after its timestamp ({@link EventCommitDeadline}); a reader can then only be misled while
 * {@code gapTimeout} is under twice that. The defaults (1 min + 1 min, 10 min) leave room for clock skew.
 *
 * @param gapCleaningThreshold gaps a token holds before the engine looks for timed-out ones to drop
 * @param commitDeadline       the longest an appended event may wait for its transaction to commit
 */
@ConfigurationProperties("aic.event-store")
record EventStoreGapProperties(@DefaultValue("10m") Duration gapTimeout,
                               @DefaultValue("250") int gapCleaningThreshold,
                               @DefaultValue("1m") Duration commitDeadline) {
}
