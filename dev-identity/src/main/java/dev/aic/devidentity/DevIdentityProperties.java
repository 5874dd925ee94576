package dev.aic.devidentity;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo directory and what goes into its tokens.
 *
 * @param secret the one password of every directory person, used as their client secret on the
 *     command line and on the login form; a development-only value, overridden by {@code
 *     AIC_DEV_IDENTITY_SECRET}
 * @param audience the {@code aud} of every access token: what the services' resource servers expect
 * @param defaultRoles the roles of a person outside the configured directory (the open directory
 *     for load tests)
 * @param users the named demo people
 * @param swagger the browser client of the services' Swagger UI and the query-side's insights page
 */
@ConfigurationProperties("aic.dev-identity")
record DevIdentityProperties(
        String secret,
        @DefaultValue List<String> audience,
        @DefaultValue List<String> defaultRoles,
        @DefaultValue List<Person> users,
        @DefaultValue Swagger swagger) {

    DevIdentityProperties {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("aic.dev-identity.secret must not be blank");
        }
        audience = List.copyOf(audience);
        defaultRoles = List.copyOf(defaultRoles);
        users = List.copyOf(users);
    }

    /**
     * @param clientId the public client's id (authorization code with PKCE, no secret)
     * @param redirectUris where the Swagger UIs of the services and the insights page receive the
     *     authorization code (on a loopback address, on any port)
     */
    record Swagger(
            @DefaultValue("aic-swagger") String clientId, @DefaultValue List<String> redirectUris) {

        Swagger {
            redirectUris = List.copyOf(redirectUris);
        }
    }
}
