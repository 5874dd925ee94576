package dev.aic.contracts.user;

import java.util.List;
import org.axonframework.serialization.Revision;

/** The public profile as it now stands, whole: consumers replace, never merge. */
@Revision("1")
public record UserProfileUpdated(UserId userId, String displayName, String bio, List<String> interests,
                                 String avatarRef) implements UserEvent {

    public UserProfileUpdated {
        interests = List.copyOf(interests);
    }
}
