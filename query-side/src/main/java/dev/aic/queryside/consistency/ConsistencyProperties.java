package dev.aic.queryside.consistency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Read-your-writes: how long a query with a {@code Consistency-Token} may wait for the read models to
 * catch up before it answers {@code 202}, and how often the token store is checked meanwhile (one
 * query per interval for all waiting requests together).
 */
@ConfigurationProperties("aic.consistency")
record ConsistencyProperties(@DefaultValue("5s") Duration maxWait, @DefaultValue("15ms") Duration pollInterval) {

    ConsistencyProperties {
        if (maxWait.isNegative() || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("aic.consistency.max-wait must be >= 0 and poll-interval > 0");
        }
    }
}
