package dev.aic.commandside.communityevent;

import java.time.Duration;

/**
 * How long before an event starts its attendees are reminded; the aggregate's handlers take it as a
 * resource ({@code aic.community-events.reminder-offset}, {@link
 * CommunityEventSnapshots#reminderPolicy}).
 */
public record ReminderPolicy(Duration reminderOffset) {}
