package dev.aic.contracts.user;

import org.axonframework.serialization.Revision;

/** A person joined the platform as a member. The email is stored normalised to lower case. */
@Revision("1")
public record UserRegistered(UserId userId, String email, String displayName) implements UserEvent {
}
