package dev.aic.commandside.user;

import dev.aic.contracts.user.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register a new member. Sent only by this module, so it lives here rather than in contracts. */
record RegisterUserCommand(@TargetAggregateIdentifier UserId userId, String email, String displayName) {
}
