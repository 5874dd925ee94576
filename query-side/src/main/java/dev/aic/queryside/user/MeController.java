package dev.aic.queryside.user;

import dev.aic.queryside.ProjectionNames;
import dev.aic.queryside.consistency.ReadModel;
import dev.aic.web.http.Versions;
import dev.aic.web.openapi.ProblemResponses;
import dev.aic.web.openapi.ResponseHeaders;
import dev.aic.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "users")
class MeController {

    private final UserProfiles profiles;

    MeController(UserProfiles profiles) {
        this.profiles = profiles;
    }

    /**
     * Looked up by the signed-in identity, not by the caller resolved before a consistency wait.
     */
    @GetMapping("/api/me")
    @PreAuthorize("isAuthenticated()")
    @ReadModel(ProjectionNames.USERS)
    @Operation(
            operationId = "getMe",
            summary = "Your own profile, in full",
            description =
                    "404 not-registered until you have registered (POST /api/me on the command API).")
    @ProblemResponses({404})
    @ResponseHeaders("ETag")
    ResponseEntity<UserView> me(@AuthenticationPrincipal Caller caller) {
        UserProfile me =
                profiles.findByIdentity(caller.issuer(), caller.subject())
                        .orElseThrow(NotRegisteredException::new);
        return ResponseEntity.ok().eTag(Versions.etag(me.version())).body(UserView.full(me));
    }
}
