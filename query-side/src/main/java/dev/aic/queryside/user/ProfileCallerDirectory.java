package dev.aic.queryside.user;

import dev.aic.contracts.user.Role;
import dev.aic.web.security.CallerDirectory;
import java.util.EnumSet;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Which platform user a signed-in identity is, from this service's own read model. It trails the
 * command-side by the projection lag; a request that must see its caller's latest registration or
 * role change sends a {@code Consistency-Token}, and the caller is looked up again once the wait is
 * over.
 */
@Component
class ProfileCallerDirectory implements CallerDirectory {

    private final UserProfiles profiles;

    ProfileCallerDirectory(UserProfiles profiles) {
        this.profiles = profiles;
    }

    @Override
    public Optional<Account> find(String issuer, String subject) {
        return profiles.findByIdentity(issuer, subject)
                .map(
                        user ->
                                new Account(
                                        user.id(),
                                        user.active(),
                                        user.roles().isEmpty()
                                                ? EnumSet.noneOf(Role.class)
                                                : EnumSet.copyOf(user.roles())));
    }
}
