package dev.aic.devidentity;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo directory and what goes into its tokens.
 *
 * @param secret       the one password of every directory person, used as their client secret on the command line
 *                     and on the login form; a development-only value, overridden by {@code AIC_DEV_IDENTITY_SECRET}
 * @param audience     the {@code aud} of every access token: what the services' resource servers expect
 * @param defaultRoles the roles of a person outside the configured directory (the open directory for load tests)
 * @param users        the named demo people
 * @param swagger      the browser client of the services' Swagger UI
 */
@ConfigurationProperties("aic.dev-identity")
record DevIdentityProperties(String secret, List<String> audience, List<String> defaultRoles, List<Person> users,
                             Swagger swagger) {

    DevIdentityProperties {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("aic.dev-identity.secret must not be blank");
        }
        audience = audience == null ? List.of() : List.copyOf(audience);
        defaultRoles = defaultRoles == null ? List.of() : List.copyOf(defaultRoles);
        users = users == null ? List.of() : List.copyOf(users);
        swagger = swagger == null ? new Swagger(null, null) : swagger;
    }

    /**
     * @param clientId     the public client's id (authorization code with PKCE, no secret)
     * @param redirectUris where the Swagger UIs of the services receive the authorization code
     */
    record Swagger(String clientId, List<String> redirectUris) {

        Swagger {
            clientId = clientId == null ? "aic-swagger" : clientId;
            redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
        }
    }
}
