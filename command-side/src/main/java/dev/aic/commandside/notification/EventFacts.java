package dev.aic.commandside.notification;

import java.time.Instant;
import java.time.ZoneId;

/** What a notice says about a community event. {@code venue} and {@code onlineLink} may be null. */
record EventFacts(
        String title,
        Instant startsAt,
        Instant endsAt,
        ZoneId zone,
        String venue,
        String onlineLink) {}
