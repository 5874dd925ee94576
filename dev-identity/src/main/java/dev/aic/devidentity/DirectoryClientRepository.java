package dev.aic.devidentity;

import java.time.Duration;
import java.util.Optional;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * Every directory person is also an OAuth2 client whose id is their username, so a shell or a test
 * gets a person's access token with one {@code client_credentials} request ({@code curl -u
 * alice:dev-secret}). Clients are made on demand rather than stored: the open directory has no end.
 */
@Component
class DirectoryClientRepository implements RegisteredClientRepository {

    static final String SCOPE = "aic";
    static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);

    private static final String PERSON_ID_PREFIX = "person:";

    private final Directory directory;
    private final DevIdentityProperties properties;
    private final RegisteredClient swagger;

    DirectoryClientRepository(Directory directory, DevIdentityProperties properties) {
        this.directory = directory;
        this.properties = properties;
        this.swagger = swaggerClient(properties.swagger());
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        // nothing to store: every client is derived from the directory each time it is asked for
    }

    @Override
    public RegisteredClient findById(String id) {
        if (swagger.getId().equals(id)) {
            return swagger;
        }
        if (id == null || !id.startsWith(PERSON_ID_PREFIX)) {
            return null;
        }
        return findByClientId(id.substring(PERSON_ID_PREFIX.length()));
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        if (swagger.getClientId().equals(clientId)) {
            return swagger;
        }
        return personClient(clientId).orElse(null);
    }

    private Optional<RegisteredClient> personClient(String username) {
        return directory
                .find(username)
                .map(
                        person ->
                                RegisteredClient.withId(PERSON_ID_PREFIX + person.username())
                                        .clientId(person.username())
                                        // {noop}: a development secret compared as plain text,
                                        // never a stored password
                                        .clientSecret("{noop}" + properties.secret())
                                        .clientAuthenticationMethod(
                                                ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                                        .clientAuthenticationMethod(
                                                ClientAuthenticationMethod.CLIENT_SECRET_POST)
                                        .authorizationGrantType(
                                                AuthorizationGrantType.CLIENT_CREDENTIALS)
                                        .scope(SCOPE)
                                        .tokenSettings(
                                                TokenSettings.builder()
                                                        .accessTokenTimeToLive(
                                                                ACCESS_TOKEN_LIFETIME)
                                                        .build())
                                        .build());
    }

    private static RegisteredClient swaggerClient(DevIdentityProperties.Swagger settings) {
        var builder =
                RegisteredClient.withId("client:" + settings.clientId())
                        .clientId(settings.clientId())
                        .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                        .scope(OidcScopes.OPENID)
                        .scope(OidcScopes.PROFILE)
                        .scope(OidcScopes.EMAIL)
                        .scope(SCOPE)
                        .clientSettings(
                                ClientSettings.builder()
                                        .requireProofKey(true)
                                        .requireAuthorizationConsent(false)
                                        .build())
                        .tokenSettings(
                                TokenSettings.builder()
                                        .accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME)
                                        .build());
        settings.redirectUris().forEach(builder::redirectUri);
        return builder.build();
    }
}
