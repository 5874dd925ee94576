package dev.aic.contracts.communityevent;

import java.time.Instant;

/**
 * When a community event takes place: instants, plus the IANA time zone it is held in (for display
 * and calendar export; the instants alone decide ordering and reminders).
 */
public record Schedule(Instant startsAt, Instant endsAt, String timeZone) {}
