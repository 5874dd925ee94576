package dev.aic.queryside.user;

import java.time.Instant;
import java.util.UUID;

/** A user as clients read it. */
record UserView(UUID id, String email, String displayName, Instant registeredAt) {
}
