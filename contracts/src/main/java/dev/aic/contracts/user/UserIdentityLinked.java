package dev.aic.contracts.user;

import org.axonframework.serialization.Revision;

/** The user signs in as {@code subject} at the identity provider {@code issuer}. */
@Revision("1")
public record UserIdentityLinked(UserId userId, String issuer, String subject)
        implements UserEvent {}
