package dev.aic.commandside.agenda;

import dev.aic.contracts.user.UserId;

/**
 * Who sends an agenda command: whether they may change it is the agenda's rule, which needs to
 * know.
 */
record Organizer(UserId user, boolean admin) {}
