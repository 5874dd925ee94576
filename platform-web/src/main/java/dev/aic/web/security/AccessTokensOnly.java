package dev.aic.web.security;

import java.util.List;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Refuses OpenID Connect ID tokens presented as bearer tokens. An ID token tells a client who
 * signed in; it grants nothing, and where a provider gives the client and the API the same audience
 * (an Entra ID app that is both), signature, issuer and audience checks alone let it pass. It is
 * recognised by what only ID tokens carry: the {@code nonce}, {@code at_hash} or {@code c_hash}
 * claims, or a {@code typ} header saying so; an RFC 9068 access token says {@code at+jwt}.
 */
final class AccessTokensOnly implements OAuth2TokenValidator<Jwt> {

    private static final List<String> ID_TOKEN_CLAIMS = List.of("nonce", "at_hash", "c_hash");
    private static final OAuth2Error NOT_AN_ACCESS_TOKEN =
            new OAuth2Error(
                    OAuth2ErrorCodes.INVALID_TOKEN, "An ID token is not an access token", null);

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        Object type = token.getHeaders().get("typ");
        boolean idToken =
                ID_TOKEN_CLAIMS.stream().anyMatch(token::hasClaim)
                        || type != null
                                && type.toString()
                                        .toLowerCase(java.util.Locale.ROOT)
                                        .contains("id_token");
        return idToken
                ? OAuth2TokenValidatorResult.failure(NOT_AN_ACCESS_TOKEN)
                : OAuth2TokenValidatorResult.success();
    }
}
