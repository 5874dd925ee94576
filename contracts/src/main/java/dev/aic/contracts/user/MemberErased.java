package dev.aic.contracts.user;

import org.axonframework.serialization.Revision;

/**
 * An administrator erased the member's personal data: their key is gone, so every earlier event
 * reads {@code "erased member"} or nothing where it named them. The reason is the administrator's,
 * about the request (e.g. "GDPR art. 17 request 2026-114"), and must not repeat personal data.
 */
@Revision("1")
public record MemberErased(UserId userId, String reason) implements UserEvent {}
