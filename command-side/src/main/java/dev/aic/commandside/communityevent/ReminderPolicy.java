package dev.aic.commandside.communityevent;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How long before an event starts its attendees are reminded ({@code aic.community-events.reminder-offset}). */
@ConfigurationProperties("aic.community-events")
public record ReminderPolicy(Duration reminderOffset) {

    public ReminderPolicy {
        reminderOffset = reminderOffset == null ? Duration.ofHours(24) : reminderOffset;
    }
}
