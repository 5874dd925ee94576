package dev.aic.web.security;

import dev.aic.contracts.user.Role;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
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
        Set<Role> roles = EnumSet.noneOf(Role.class);
        roles.addAll(tokenRoles.of(jwt));
        Optional<CallerDirectory.Account> account = directory.find(issuer, jwt.getSubject());
        account.ifPresent(found -> roles.addAll(found.roles()));
        boolean deactivated = account.map(found -> !found.active()).orElse(false);
        var caller = new Caller(issuer, jwt.getSubject(), jwt.getClaimAsString("email"), jwt.getClaimAsString("name"),
                account.map(CallerDirectory.Account::userId), roles, deactivated);
        return new CallerAuthentication(caller, jwt);
    }
}
