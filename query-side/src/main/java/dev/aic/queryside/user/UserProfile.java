package dev.aic.queryside.user;

import dev.aic.contracts.user.EmailTopic;
import dev.aic.contracts.user.Role;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Everything the read models know about a user, before the visibility rules pick what a caller
 * sees.
 */
record UserProfile(
        UUID id,
        String email,
        String displayName,
        String bio,
        List<String> interests,
        String avatarRef,
        List<Role> roles,
        boolean active,
        Instant registeredAt,
        long version,
        List<EmailTopic> emailUnsubscribed) {

    UserProfile {
        interests = interests == null ? List.of() : List.copyOf(interests);
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
