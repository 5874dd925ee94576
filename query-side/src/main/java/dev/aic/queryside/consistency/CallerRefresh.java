package dev.aic.queryside.consistency;

import dev.aic.contracts.user.Role;
import dev.aic.web.security.Caller;
import dev.aic.web.security.CallerDirectory;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Looks the caller up again after a consistency wait. The request was authenticated before the wait,
 * against a read model that may not yet have known the caller's registration or new roles; what the
 * wait made visible now counts. Roles are only added: the caller keeps the roles the token asserted, and
 * a platform role withdrawn during the wait was still held when the request arrived.
 */
@Component
class CallerRefresh {

    private final CallerDirectory directory;

    CallerRefresh(CallerDirectory directory) {
        this.directory = directory;
    }

    void refresh() {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (current == null || !(current.getPrincipal() instanceof Caller caller)) {
            return;
        }
        directory.find(caller.issuer(), caller.subject()).ifPresent(account -> {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            roles.addAll(caller.roles());
            roles.addAll(account.roles());
            var refreshed = new Caller(caller.issuer(), caller.subject(), caller.email(), caller.name(),
                    Optional.of(account.userId()), roles, !account.active());
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new RefreshedCaller(refreshed, current.getCredentials()));
            SecurityContextHolder.setContext(context);
        });
    }

    /** The caller as the directory now knows them; authorities as platform-web grants them, none when deactivated. */
    private static final class RefreshedCaller extends AbstractAuthenticationToken {

        private final Caller caller;
        private final Object credentials;

        RefreshedCaller(Caller caller, Object credentials) {
            super(authorities(caller));
            this.caller = caller;
            this.credentials = credentials;
            setAuthenticated(true);
        }

        private static Collection<? extends GrantedAuthority> authorities(Caller caller) {
            return caller.deactivated() ? List.of() : caller.roles().stream()
                    .map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList();
        }

        @Override
        public Caller getPrincipal() {
            return caller;
        }

        @Override
        public Object getCredentials() {
            return credentials;
        }

        @Override
        public String getName() {
            return caller.key();
        }
    }
}
