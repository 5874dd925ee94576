package dev.aic.contracts.user;

import dev.aic.contracts.privacy.DataSubject;
import dev.aic.contracts.privacy.PersonalData;
import dev.aic.contracts.privacy.WhenErased;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The public profile as it now stands, whole: consumers replace, never merge. */
@Revision("1")
public record UserProfileUpdated(
        @DataSubject UserId userId,
        @PersonalData(erased = WhenErased.ERASED_MEMBER) String displayName,
        @PersonalData String bio,
        @PersonalData(erased = WhenErased.EMPTY_LIST) List<String> interests,
        @PersonalData String avatarRef)
        implements UserEvent {

    public UserProfileUpdated {
        interests = List.copyOf(interests);
    }
}
