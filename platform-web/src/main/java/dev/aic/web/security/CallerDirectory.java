package dev.aic.web.security;

import dev.aic.contracts.user.Role;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Each service answers, from its own store, which platform user a signed-in identity is. */
public interface CallerDirectory {

    Optional<Account> find(String issuer, String subject);

    record Account(UUID userId, boolean active, Set<Role> roles) {}
}
