package dev.aic.web.security;

import dev.aic.contracts.user.Role;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where roles come from in the token: a claim listing role names, and a claim listing directory
 * groups (Entra ID / AD object ids, Keycloak or Cognito group names) mapped to roles here.
 *
 * @param rolesClaim claim holding role names, e.g. {@code roles} (Entra app roles) or {@code
 *     cognito:groups}
 * @param groupsClaim claim holding directory group ids, e.g. {@code groups}
 * @param groupRoles group id to role, e.g. {@code 6f1d9a52-...: ADMIN}
 */
@ConfigurationProperties("aic.security")
public record SecurityProperties(
        @DefaultValue("roles") String rolesClaim,
        @DefaultValue("groups") String groupsClaim,
        @DefaultValue Map<String, Role> groupRoles) {

    public SecurityProperties {
        groupRoles = Map.copyOf(groupRoles);
    }
}
