package dev.aic.contracts.user;

import java.util.List;
import org.axonframework.serialization.Revision;

/** The roles granted in the platform, whole and in declaration order. */
@Revision("1")
public record UserRolesChanged(UserId userId, List<Role> roles) implements UserEvent {

    public UserRolesChanged {
        roles = List.copyOf(roles);
    }
}
