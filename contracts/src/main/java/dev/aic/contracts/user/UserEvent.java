package dev.aic.contracts.user;

import dev.aic.contracts.privacy.DataSubject;
import dev.aic.contracts.privacy.PersonalData;
import dev.aic.contracts.privacy.WhenErased;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Everything that can happen to a {@code User} aggregate. Who did it and when live in the event's
 * metadata and timestamp, never in the payload.
 */
public sealed interface UserEvent {

    UserId userId();

    /** A person joined the platform as a member. The email is stored normalised to lower case. */
    @Revision("1")
    record Registered(
            @DataSubject UserId userId,
            @PersonalData String email,
            @PersonalData(erased = WhenErased.ERASED_MEMBER) String displayName)
            implements UserEvent {}

    /** The user signs in as {@code subject} at the identity provider {@code issuer}. */
    @Revision("1")
    record IdentityLinked(UserId userId, String issuer, String subject) implements UserEvent {}

    /** The public profile as it now stands, whole: consumers replace, never merge. */
    @Revision("1")
    record ProfileUpdated(
            @DataSubject UserId userId,
            @PersonalData(erased = WhenErased.ERASED_MEMBER) String displayName,
            @PersonalData String bio,
            @PersonalData(erased = WhenErased.EMPTY_LIST) List<String> interests,
            @PersonalData String avatarRef)
            implements UserEvent {

        public ProfileUpdated {
            interests = List.copyOf(interests);
        }
    }

    /** The roles granted in the platform, whole and in declaration order. */
    @Revision("1")
    record RolesChanged(UserId userId, List<Role> roles) implements UserEvent {

        public RolesChanged {
            roles = List.copyOf(roles);
        }
    }

    /** The user may no longer sign in or act; the profile disappears from members' view. */
    @Revision("1")
    record Deactivated(@DataSubject UserId userId, @PersonalData String reason)
            implements UserEvent {}

    /** A deactivated user is back. */
    @Revision("1")
    record Reactivated(UserId userId) implements UserEvent {}

    /** The topics the member no longer wants e-mail about, whole and in declaration order. */
    @Revision("1")
    record EmailPreferencesChanged(UserId userId, List<EmailTopic> unsubscribed)
            implements UserEvent {

        public EmailPreferencesChanged {
            unsubscribed = List.copyOf(unsubscribed);
        }
    }

    /**
     * An administrator erased the member's personal data: their key is gone, so every earlier event
     * reads {@code "erased member"} or nothing where it named them. The reason is the
     * administrator's, about the request (e.g. "GDPR art. 17 request 2026-114"), and must not
     * repeat personal data.
     */
    @Revision("1")
    record Erased(UserId userId, String reason) implements UserEvent {}
}
