package dev.aic.commandside.communityevent;

import dev.aic.contracts.user.UserId;

/**
 * Who sends a command: the rules of who may change an event live in the aggregate, which needs to
 * know.
 */
record Actor(UserId user, boolean admin) {}
