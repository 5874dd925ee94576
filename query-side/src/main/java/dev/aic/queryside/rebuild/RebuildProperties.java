package dev.aic.queryside.rebuild;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How rebuilds run.
 *
 * @param batchSize events per transaction of a rebuild processor: larger than the live processors'
 *     batches, since nobody waits for a rebuild's single event and each commit costs a round trip
 *     and a flush
 * @param pollInterval how often each instance looks at the rebuilds: progress, resuming, swapping
 * @param swapTimeout how long a swap waits for the rebuild to reach the paused live processor's
 *     position
 */
@ConfigurationProperties("aic.rebuild")
record RebuildProperties(
        @DefaultValue("1000") int batchSize,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("30s") Duration swapTimeout) {}
