package dev.aic.queryside.user;

import dev.aic.contracts.user.Role;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user in the {@code users} OpenSearch index, as analysts and {@code ?q=} see them. */
record UserDocument(
        UUID id,
        String email,
        String displayName,
        String bio,
        List<String> interests,
        String avatarRef,
        List<Role> roles,
        boolean active,
        Instant registeredAt) {

    UserDocument {
        interests = interests == null ? List.of() : List.copyOf(interests);
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    /** The search index holds no e-mail preferences: listings leave them out. */
    UserProfile profile(long version) {
        return new UserProfile(
                id,
                email,
                displayName,
                bio,
                interests,
                avatarRef,
                roles,
                active,
                registeredAt,
                version,
                null);
    }
}
