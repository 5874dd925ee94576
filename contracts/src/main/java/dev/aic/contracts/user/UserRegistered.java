package dev.aic.contracts.user;

import dev.aic.contracts.privacy.DataSubject;
import dev.aic.contracts.privacy.PersonalData;
import dev.aic.contracts.privacy.WhenErased;
import org.axonframework.serialization.Revision;

/** A person joined the platform as a member. The email is stored normalised to lower case. */
@Revision("1")
public record UserRegistered(
        @DataSubject UserId userId,
        @PersonalData String email,
        @PersonalData(erased = WhenErased.ERASED_MEMBER) String displayName)
        implements UserEvent {}
