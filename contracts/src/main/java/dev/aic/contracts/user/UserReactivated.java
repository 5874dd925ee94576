package dev.aic.contracts.user;

import org.axonframework.serialization.Revision;

/** A deactivated user is back. */
@Revision("1")
public record UserReactivated(UserId userId) implements UserEvent {}
