package dev.aic.commandside.agenda;

import dev.aic.contracts.user.UserId;
import java.time.Instant;
import java.util.UUID;

/**
 * The payload of a speaker's reminder deadline: whom to remind of which session's start. Stored
 * with the deadline.
 */
record SpeakerReminder(UUID sessionId, UserId speaker, Instant startsAt) {}
