package dev.aic.web.security;

import dev.aic.contracts.user.Role;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.security.oauth2.jwt.Jwt;

/** The roles an identity provider asserts in a token, directly or through directory groups. */
final class TokenRoles {

    private final SecurityProperties properties;

    TokenRoles(SecurityProperties properties) {
        this.properties = properties;
    }

    Set<Role> of(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        values(jwt, properties.rolesClaim()).forEach(name -> parse(name, roles));
        values(jwt, properties.groupsClaim())
                .map(properties.groupRoles()::get)
                .filter(java.util.Objects::nonNull)
                .forEach(roles::add);
        return roles;
    }

    /**
     * A claim may be a JSON array or a space or comma separated string, depending on the provider.
     */
    private static Stream<String> values(Jwt jwt, String claim) {
        Object value = jwt.getClaims().get(claim);
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf);
        }
        if (value instanceof String text) {
            return Stream.of(text.split("[\\s,]+")).filter(s -> !s.isEmpty());
        }
        return Stream.empty();
    }

    private static void parse(String name, Set<Role> into) {
        String normalised = name.trim().toUpperCase(Locale.ROOT);
        if (normalised.startsWith("ROLE_")) {
            normalised = normalised.substring("ROLE_".length());
        }
        for (Role role : Role.values()) {
            if (role.name().equals(normalised)) {
                into.add(role);
            }
        }
    }
}
