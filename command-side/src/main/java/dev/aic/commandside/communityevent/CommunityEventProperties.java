package dev.aic.commandside.communityevent;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code aic.community-events}.
 *
 * @param reminderOffset how long before an event starts its attendees are reminded ({@link
 *     ReminderPolicy})
 * @param snapshotThreshold how many events one command may read or append before the event's next
 *     snapshot is taken: the most a load replays after a snapshot, give or take the few a snapshot
 *     in progress misses ({@link CommunityEventSnapshots})
 */
@ConfigurationProperties("aic.community-events")
record CommunityEventProperties(
        @DefaultValue("PT24H") Duration reminderOffset, @DefaultValue("50") int snapshotThreshold) {

    CommunityEventProperties {
        if (snapshotThreshold < 1) {
            throw new IllegalArgumentException(
                    "aic.community-events.snapshot-threshold must be at least 1");
        }
    }
}
