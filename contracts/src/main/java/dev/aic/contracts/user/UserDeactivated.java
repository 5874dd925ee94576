package dev.aic.contracts.user;

import dev.aic.contracts.privacy.DataSubject;
import dev.aic.contracts.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/** The user may no longer sign in or act; the profile disappears from members' view. */
@Revision("1")
public record UserDeactivated(@DataSubject UserId userId, @PersonalData String reason)
        implements UserEvent {}
