package dev.aic.queryside.agenda;

import dev.aic.contracts.user.Role;
import dev.aic.web.security.Caller;

/**
 * Who reads what of an agenda: a published one is every member's; drafts and solves are its
 * organisers'.
 */
final class AgendaAccess {

    private AgendaAccess() {}

    static boolean maySee(Caller caller, Agendas.Found found) {
        return found.agenda().published() || mayReadSolves(caller, found);
    }

    static boolean mayReadSolves(Caller caller, Agendas.Found found) {
        return caller.has(Role.ADMIN)
                || caller.has(Role.AUDITOR)
                || found.organizers().stream().anyMatch(caller::isUser);
    }
}
