package dev.aic.eventstore;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the services read and append to the event store ({@code aic.event-store}).
 *
 * <p>PostgreSQL hands global positions out at insert and makes them visible at commit, so a
 * processor reading the store waits for a position below one it read: a gap. Axon stops waiting as
 * soon as it reads an event whose timestamp is older than {@code gapTimeout}; an event committed
 * after that is never read (AxonFramework #4829): on the command-side an integration event never
 * published, on the query-side a projection update the reconciliation has to repair.
 *
 * <p>No event commits more than {@code commitDeadline} plus PostgreSQL's {@code
 * idle_in_transaction_session_timeout} after its timestamp (the command-side's {@code
 * EventCommitDeadline}); a reader can then only be misled while {@code gapTimeout} is under twice
 * that. The defaults (1 min + 1 min, 10 min) leave room for clock skew.
 *
 * @param gapTimeout how long a processor waits for a position whose transaction has not committed
 * @param gapCleaningThreshold gaps a token holds before the engine looks for timed-out ones to drop
 * @param commitDeadline the longest an appended event may wait for its transaction to commit
 *     (command-side)
 * @param fetchDelay how often the query-side looks for new events once its processors have caught
 *     up
 */
@ConfigurationProperties("aic.event-store")
public record EventStoreProperties(
        @DefaultValue("10m") Duration gapTimeout,
        @DefaultValue("250") int gapCleaningThreshold,
        @DefaultValue("1m") Duration commitDeadline,
        @DefaultValue("25ms") Duration fetchDelay) {}
