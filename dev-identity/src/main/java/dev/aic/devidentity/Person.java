package dev.aic.devidentity;

import java.util.List;

/**
 * Someone in the demo directory, as an identity provider knows them: roles are application roles
 * assigned in the provider, groups are directory group ids (Entra ID object ids) that a service may
 * map to roles itself. {@code emailVerified} is whether the provider proved the person owns the
 * address (absent means it did).
 */
record Person(
        String username,
        String email,
        String name,
        List<String> roles,
        List<String> groups,
        Boolean emailVerified) {

    Person {
        emailVerified = emailVerified == null || emailVerified;
        roles = roles == null ? List.of() : List.copyOf(roles);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
