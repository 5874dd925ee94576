package dev.aic.contracts.user;

/**
 * Everything that can happen to a {@code User} aggregate. Who did it and when live in the event's
 * metadata and timestamp, never in the payload.
 */
public sealed interface UserEvent
        permits UserRegistered,
                UserIdentityLinked,
                UserProfileUpdated,
                UserRolesChanged,
                UserDeactivated,
                UserReactivated,
                EmailPreferencesChanged,
                MemberErased {

    UserId userId();
}
