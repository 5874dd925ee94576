package dev.aic.queryside.user;

import dev.aic.contracts.user.Role;
import dev.aic.web.security.Caller;

/**
 * Who sees how much of a user. Administrators and auditors see everyone, deactivated users
 * included, in full; a user sees themself in full; members see the public part of active users
 * only.
 */
final class Visibility {

    private Visibility() {}

    static boolean seesEveryone(Caller caller) {
        return caller.has(Role.ADMIN) || caller.has(Role.AUDITOR);
    }

    static boolean maySee(Caller caller, UserProfile user) {
        return user.active() || seesEveryone(caller);
    }

    static UserView view(Caller caller, UserProfile user) {
        return seesEveryone(caller) || caller.isUser(user.id())
                ? UserView.full(user)
                : UserView.publicPart(user);
    }
}
