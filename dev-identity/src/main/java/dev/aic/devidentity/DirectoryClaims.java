package dev.aic.devidentity;

import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Puts what the directory knows about the signed-in person into their tokens, in the claim names
 * the services read: {@code email} with {@code email_verified}, {@code name}, {@code
 * preferred_username}, {@code roles} and {@code groups} (both always arrays, possibly empty).
 * Access tokens are addressed to the platform's audience; ID tokens keep the client as their
 * audience, as OpenID Connect requires.
 */
@Component
class DirectoryClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final Directory directory;
    private final DevIdentityProperties properties;

    DirectoryClaims(Directory directory, DevIdentityProperties properties) {
        this.directory = directory;
        this.properties = properties;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (!accessToken && !idToken) {
            return;
        }
        // client_credentials: the principal is the client, whose id is the username; authorization
        // code: the user
        directory
                .find(context.getPrincipal().getName())
                .ifPresent(
                        person -> {
                            var claims =
                                    context.getClaims()
                                            .subject(person.username())
                                            .claim("preferred_username", person.username())
                                            .claim("email", person.email())
                                            .claim("email_verified", person.emailVerified())
                                            .claim("name", person.name())
                                            .claim("roles", person.roles())
                                            .claim("groups", person.groups());
                            if (accessToken && !properties.audience().isEmpty()) {
                                claims.audience(properties.audience());
                            }
                            if (accessToken) {
                                // the client the token was issued to, as Entra ID and Keycloak put
                                // it: the platform records it
                                claims.claim("azp", context.getRegisteredClient().getClientId());
                            }
                        });
    }
}
