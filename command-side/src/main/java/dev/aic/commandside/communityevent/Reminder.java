package dev.aic.commandside.communityevent;

import dev.aic.contracts.user.UserId;
import java.time.Instant;

/** The payload of a reminder deadline: whom to remind of which start. Stored with the deadline. */
record Reminder(UserId member, Instant startsAt) {}
