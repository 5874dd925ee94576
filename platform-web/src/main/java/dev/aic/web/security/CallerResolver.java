package dev.aic.web.security;

import java.util.Optional;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/** Turns a verified JWT into the {@link Caller} the endpoints authorise against. */
final class CallerResolver implements Converter<Jwt, AbstractAuthenticationToken> {

    private final TokenRoles tokenRoles;
    private final CallerDirectory directory;

    CallerResolver(TokenRoles tokenRoles, CallerDirectory directory) {
        this.tokenRoles = tokenRoles;
        this.directory = directory;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String issuer = jwt.getIssuer() == null ? "" : jwt.getIssuer().toString();
        var signedIn =
                new Caller(
                        issuer,
                        jwt.getSubject(),
                        jwt.getClaimAsString("email"),
                        jwt.getClaimAsString("name"),
                        Optional.empty(),
                        tokenRoles.of(jwt),
                        false);
        Caller caller =
                directory
                        .find(issuer, jwt.getSubject())
                        .map(signedIn::withAccount)
                        .orElse(signedIn);
        return new CallerAuthentication(caller, jwt);
    }
}
