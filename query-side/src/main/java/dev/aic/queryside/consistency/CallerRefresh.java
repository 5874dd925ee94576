package dev.aic.queryside.consistency;

import dev.aic.web.security.Caller;
import dev.aic.web.security.CallerAuthentication;
import dev.aic.web.security.CallerDirectory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Looks the caller up again after a consistency wait. The request was authenticated before the
 * wait, against a read model that may not yet have known the caller's registration or new roles;
 * what the wait made visible now counts. Roles are only added: the caller keeps the roles the token
 * asserted, and a platform role withdrawn during the wait was still held when the request arrived.
 */
@Component
class CallerRefresh {

    private final CallerDirectory directory;

    CallerRefresh(CallerDirectory directory) {
        this.directory = directory;
    }

    void refresh() {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (!(current instanceof CallerAuthentication authentication)) {
            return;
        }
        Caller caller = authentication.getPrincipal();
        directory
                .find(caller.issuer(), caller.subject())
                .ifPresent(
                        account -> {
                            SecurityContext context = SecurityContextHolder.createEmptyContext();
                            context.setAuthentication(
                                    new CallerAuthentication(
                                            caller.withAccount(account),
                                            authentication.getCredentials()));
                            SecurityContextHolder.setContext(context);
                        });
    }
}
