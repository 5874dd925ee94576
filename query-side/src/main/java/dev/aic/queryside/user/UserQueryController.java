package dev.aic.queryside.user;

import dev.aic.contracts.user.Role;
import dev.aic.queryside.ProjectionNames;
import dev.aic.queryside.consistency.ReadModel;
import dev.aic.queryside.web.Cursors;
import dev.aic.web.http.Versions;
import dev.aic.web.openapi.ProblemResponses;
import dev.aic.web.openapi.ResponseHeaders;
import dev.aic.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/users")
@Tag(name = "users")
class UserQueryController {

    private final UserProfiles profiles;
    private final UserListing listing;

    UserQueryController(UserProfiles profiles, UserListing listing) {
        this.profiles = profiles;
        this.listing = listing;
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('MEMBER', 'ORGANIZER', 'ADMIN', 'AUDITOR')")
    @ReadModel(ProjectionNames.USERS)
    @Operation(
            operationId = "getUser",
            summary =
                    "A user: in full for themself, administrators and auditors, the public profile for others",
            description =
                    "Deactivated users are found by administrators and auditors only. The ETag is the user's"
                            + " version, to send as If-Match with a change on the command API.")
    @ProblemResponses({404})
    @ResponseHeaders("ETag")
    ResponseEntity<UserView> get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        UserProfile user =
                profiles.find(id)
                        .filter(found -> Visibility.maySee(caller, found))
                        .orElseThrow(() -> new UserNotFoundException(id));
        return ResponseEntity.ok()
                .eTag(Versions.etag(user.version()))
                .body(Visibility.view(caller, user));
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('MEMBER', 'ORGANIZER', 'ADMIN', 'AUDITOR')")
    @ReadModel(value = ProjectionNames.USERS, unlessParameter = "q")
    @ReadModel(value = ProjectionNames.USERS_SEARCH, ifParameter = "q")
    @Operation(
            operationId = "listUsers",
            summary =
                    "Users, a page at a time; with q, a search by name prefix (administrators and auditors: or exact e-mail)",
            description =
                    "Pass nextCursor back as cursor, with the same sort and filters, for the next page."
                            + " Members see active users only.")
    UserPage list(
            @AuthenticationPrincipal Caller caller,
            @Parameter(
                            description =
                                    "Search: name prefixes (\"ada lov\") or an exact e-mail address; results come"
                                            + " best match first, then by id, and sort is ignored")
                    @RequestParam(required = false)
                    @Size(max = 200)
                    String q,
            @Parameter(
                            description =
                                    "Order without q: displayName, registeredAt, or -registeredAt (newest first)",
                            schema =
                                    @Schema(
                                            allowableValues = {
                                                "displayName",
                                                "registeredAt",
                                                "-registeredAt"
                                            }))
                    @RequestParam(defaultValue = "-registeredAt")
                    UserSort sort,
            @Parameter(description = "Only users with this role") @RequestParam(required = false)
                    Role role,
            @Parameter(
                            description =
                                    "Only active (true) or deactivated (false) users; members always see active"
                                            + " users only")
                    @RequestParam(required = false)
                    Boolean active,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @Parameter(description = "nextCursor of the previous page")
                    @RequestParam(required = false)
                    @Size(max = Cursors.MAX_LENGTH)
                    String cursor) {
        return listing.list(caller, new UserListing.Request(q, sort, role, active, limit, cursor));
    }
}
