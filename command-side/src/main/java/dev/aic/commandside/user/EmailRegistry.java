package dev.aic.commandside.user;

import dev.aic.contracts.user.UserId;

/**
 * Guards the one rule that spans users: an e-mail address belongs to at most one of them. A claim
 * made while handling a command is part of that command's transaction, so it is undone with it.
 */
interface EmailRegistry {

    /** @return false when the address is already claimed by someone */
    boolean claim(String email, UserId owner);
}
