package dev.aic.web.security;

import java.util.Locale;
import java.util.Optional;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The caller's e-mail address, only when the identity provider vouches that the caller owns it. An
 * {@code email} claim alone proves nothing: many providers let people type any address. OpenID
 * Connect providers say so with {@code email_verified}; Entra ID tokens carry no {@code
 * email_verified}, but its optional claim {@code xms_edov} ("e-mail domain owner verified") says
 * the address is in a domain the tenant verified, which is what an administrator's registration
 * relies on.
 */
public final class VerifiedEmail {

    static final String OIDC_CLAIM = "email_verified";
    static final String ENTRA_CLAIM = "xms_edov";

    private VerifiedEmail() {}

    /** The address in lower case, or empty when the token has none or does not vouch for it. */
    public static Optional<String> of(Jwt token) {
        String email = token.getClaimAsString("email");
        if (email == null
                || email.isBlank()
                || !(isTrue(token.getClaim(OIDC_CLAIM)) || isTrue(token.getClaim(ENTRA_CLAIM)))) {
            return Optional.empty();
        }
        return Optional.of(email.trim().toLowerCase(Locale.ROOT));
    }

    // some providers put booleans into tokens as strings
    private static boolean isTrue(Object claim) {
        return Boolean.TRUE.equals(claim) || "true".equalsIgnoreCase(String.valueOf(claim));
    }
}
