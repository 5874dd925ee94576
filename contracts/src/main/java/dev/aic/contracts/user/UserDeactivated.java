package dev.aic.contracts.user;

import org.axonframework.serialization.Revision;

/** The user may no longer sign in or act; the profile disappears from members' view. */
@Revision("1")
public record UserDeactivated(UserId userId, String reason) implements UserEvent {
}
