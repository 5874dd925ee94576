package dev.aic.commandside.user;

import dev.aic.commandside.web.Commands;
import dev.aic.commandside.web.Idempotency;
import dev.aic.commandside.web.Outcome;
import dev.aic.contracts.user.UserId;
import dev.aic.web.http.ApiHeaders;
import dev.aic.web.http.Versions;
import dev.aic.web.openapi.IdempotencyKeyParameter;
import dev.aic.web.openapi.IfMatchParameter;
import dev.aic.web.openapi.ProblemResponses;
import dev.aic.web.openapi.ResponseHeaders;
import dev.aic.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/users")
@Tag(name = "users")
class UserController {

    private final Commands commands;
    private final Idempotency idempotency;
    private final Supplier<UUID> ids;

    UserController(Commands commands, Idempotency idempotency, Supplier<UUID> ids) {
        this.commands = commands;
        this.idempotency = idempotency;
        this.ids = ids;
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            operationId = "registerUser",
            summary =
                    "Register someone (administrators); they are linked to their identity on first sign-in")
    @ResponseStatus(HttpStatus.CREATED)
    @ProblemResponses({409, 422})
    @ResponseHeaders({
        "ETag",
        ApiHeaders.CONSISTENCY_TOKEN,
        "Location",
        ApiHeaders.IDEMPOTENT_REPLAYED
    })
    ResponseEntity<UserChange> register(
            @AuthenticationPrincipal Caller caller,
            @IdempotencyKeyParameter
                    @RequestHeader(name = ApiHeaders.IDEMPOTENCY_KEY, required = false)
                    String idempotencyKey,
            @Valid @RequestBody UserRequests.RegisterUser request) {
        return idempotency.once(
                caller,
                idempotencyKey,
                "POST /api/users",
                request,
                UserChange.class,
                () -> {
                    UserId id = new UserId(ids.get());
                    Outcome outcome =
                            commands.create(
                                    new UserCommands.RegisterUser(
                                            id, request.email(), request.displayName(), null),
                                    id);
                    return UserChange.response(HttpStatus.CREATED, id, outcome);
                });
    }

    @PutMapping("/{id}/profile")
    @PreAuthorize("hasRole('ADMIN') or principal.isUser(#id)")
    @Operation(
            operationId = "updateProfile",
            summary = "Replace a profile (its owner or an administrator)")
    @ResponseHeaders
    @ProblemResponses({404, 412})
    ResponseEntity<UserChange> updateProfile(
            @PathVariable UUID id,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody UserRequests.UpdateProfile request) {
        return change(
                id,
                new UserCommands.UpdateProfile(
                        new UserId(id),
                        Versions.expected(ifMatch),
                        request.displayName(),
                        request.bio(),
                        request.interestsOrNone(),
                        request.avatarRef()));
    }

    @PutMapping("/{id}/email-preferences")
    @PreAuthorize("hasRole('ADMIN') or principal.isUser(#id)")
    @Operation(
            operationId = "changeEmailPreferences",
            summary = "Choose which e-mail notifications to get (the member or an administrator)")
    @ResponseHeaders
    @ProblemResponses({404, 412})
    ResponseEntity<UserChange> changeEmailPreferences(
            @PathVariable UUID id,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody UserRequests.ChangeEmailPreferences request) {
        return change(
                id,
                new UserCommands.ChangeEmailPreferences(
                        new UserId(id),
                        Versions.expected(ifMatch),
                        Set.copyOf(request.unsubscribed())));
    }

    @PutMapping("/{id}/roles")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            operationId = "changeRoles",
            summary = "Replace the roles granted in the platform (administrators)")
    @ResponseHeaders
    @ProblemResponses({404, 412})
    ResponseEntity<UserChange> changeRoles(
            @PathVariable UUID id,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody UserRequests.ChangeRoles request) {
        return change(
                id,
                new UserCommands.ChangeRoles(
                        new UserId(id), Versions.expected(ifMatch), request.roles()));
    }

    @PostMapping("/{id}/deactivate")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            operationId = "deactivateUser",
            summary = "Deactivate a user (administrators); deactivating twice changes nothing")
    @ResponseHeaders
    @ProblemResponses({404, 412})
    ResponseEntity<UserChange> deactivate(
            @PathVariable UUID id,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody(required = false) UserRequests.Deactivate request) {
        String reason = request == null ? null : request.reason();
        return change(
                id,
                new UserCommands.Deactivate(new UserId(id), Versions.expected(ifMatch), reason));
    }

    @PostMapping("/{id}/reactivate")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            operationId = "reactivateUser",
            summary = "Reactivate a deactivated user (administrators)")
    @ResponseHeaders
    @ProblemResponses({404, 412})
    ResponseEntity<UserChange> reactivate(
            @PathVariable UUID id,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch) {
        return change(id, new UserCommands.Reactivate(new UserId(id), Versions.expected(ifMatch)));
    }

    private ResponseEntity<UserChange> change(UUID id, Object command) {
        return UserChange.response(HttpStatus.OK, new UserId(id), commands.send(command, id));
    }
}
