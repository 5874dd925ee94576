package dev.aic.devidentity;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Remembers the authorizations of the browser flow (the code must be found again at the token
 * endpoint) and forgets {@code client_credentials} ones at once. A load test asks for thousands of
 * tokens and the in-memory store never evicts finished authorizations; the services validate JWTs
 * on their own and never come back to ask about one, so nothing needs them.
 */
final class BrowserFlowAuthorizationService implements OAuth2AuthorizationService {

    private final InMemoryOAuth2AuthorizationService browserFlow =
            new InMemoryOAuth2AuthorizationService();

    @Override
    public void save(OAuth2Authorization authorization) {
        if (!AuthorizationGrantType.CLIENT_CREDENTIALS.equals(
                authorization.getAuthorizationGrantType())) {
            browserFlow.save(authorization);
        }
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        browserFlow.remove(authorization);
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return browserFlow.findById(id);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return browserFlow.findByToken(token, tokenType);
    }
}
