package dev.aic.web.security;

import dev.aic.contracts.user.Role;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: the identity the token proves, the platform user it is linked to (if registered),
 * and the roles in effect: those the identity provider asserts plus those granted in the platform.
 */
public record Caller(
        String issuer,
        String subject,
        String email,
        String name,
        Optional<UUID> userId,
        Set<Role> roles,
        boolean deactivated) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /**
     * True when {@code id} is the caller's own, active user: the object-level check of owner-only
     * routes.
     */
    public boolean isUser(Object id) {
        return id != null
                && !deactivated
                && userId.map(own -> own.toString().equals(id.toString())).orElse(false);
    }

    /**
     * The caller as their platform account adds to them: the user id, granted roles, whether
     * active.
     */
    public Caller withAccount(CallerDirectory.Account account) {
        Set<Role> merged = java.util.EnumSet.noneOf(Role.class);
        merged.addAll(roles);
        merged.addAll(account.roles());
        return new Caller(
                issuer,
                subject,
                email,
                name,
                Optional.of(account.userId()),
                merged,
                !account.active());
    }

    /**
     * Rate limits and logs key on this: stable per identity, never personal data beyond the
     * subject.
     */
    public String key() {
        return issuer + "#" + subject;
    }
}
