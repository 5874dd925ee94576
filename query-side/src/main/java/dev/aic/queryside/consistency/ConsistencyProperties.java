package dev.aic.queryside.consistency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Read-your-writes: how long a query with a {@code Consistency-Token} may wait for the read models
 * to catch up before it answers {@code 202}, how often the token store is checked meanwhile (one
 * query per interval for all waiting requests together), and how many requests may wait at once,
 * per caller and in all (more are answered 429 at once). Waiting holds no request thread, so the
 * caps bound memory and the poller's work, not the server's threads.
 */
@ConfigurationProperties("aic.consistency")
record ConsistencyProperties(
        @DefaultValue("5s") Duration maxWait,
        @DefaultValue("15ms") Duration pollInterval,
        @DefaultValue("8") int maxWaitersPerCaller,
        @DefaultValue("500") int maxWaiters) {

    ConsistencyProperties {
        if (maxWait.isNegative() || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException(
                    "aic.consistency.max-wait must be >= 0 and poll-interval > 0");
        }
        if (maxWaitersPerCaller < 1 || maxWaiters < maxWaitersPerCaller) {
            throw new IllegalArgumentException(
                    "aic.consistency.max-waiters-per-caller must be >= 1 and max-waiters at least as many");
        }
    }
}
