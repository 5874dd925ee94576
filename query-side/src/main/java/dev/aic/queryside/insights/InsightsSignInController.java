package dev.aic.queryside.insights;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells the insights page where to sign in. Public, like the page itself: it names only the
 * provider's issuer and a public client, which any OpenID Connect discovery document shows anyway.
 */
@RestController
@Hidden
class InsightsSignInController {

    private final SignIn signIn;

    InsightsSignInController(
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
            InsightsProperties properties) {
        this.signIn =
                new SignIn(
                        issuer.replaceAll("/$", ""),
                        blankToNull(properties.clientId()),
                        properties.scope());
    }

    @GetMapping("/insights/sign-in")
    @PreAuthorize("permitAll()")
    SignIn signIn() {
        return signIn;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** What the page needs for the authorization code flow; no client id: not configured. */
    record SignIn(String issuer, String clientId, String scope) {}
}
