package dev.aic.commandside.user;

import dev.aic.commandside.web.Commands;
import dev.aic.commandside.web.Idempotency;
import dev.aic.commandside.web.Outcome;
import dev.aic.contracts.user.UserId;
import dev.aic.web.http.ApiHeaders;
import dev.aic.web.openapi.IdempotencyKeyParameter;
import dev.aic.web.openapi.ProblemResponses;
import dev.aic.web.openapi.ResponseHeaders;
import dev.aic.web.security.Caller;
import dev.aic.web.security.CallerAuthentication;
import dev.aic.web.security.VerifiedEmail;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Self-service registration on first sign-in. If an administrator registered the caller's e-mail
 * address before, the caller's identity is linked to that user (200) instead of creating one (201).
 * Both need an address the identity provider verified ({@link VerifiedEmail}); an unverified claim
 * is refused with 403, or whoever signs in first with someone's address would inherit the account
 * and roles meant for them.
 */
@RestController
@Tag(name = "me")
class MeController {

    private final Commands commands;
    private final Idempotency idempotency;
    private final UserAccounts accounts;
    private final Supplier<UUID> ids;

    MeController(
            Commands commands, Idempotency idempotency, UserAccounts accounts, Supplier<UUID> ids) {
        this.commands = commands;
        this.idempotency = idempotency;
        this.accounts = accounts;
        this.ids = ids;
    }

    @PostMapping("/api/me")
    @PreAuthorize("isAuthenticated()")
    @Operation(
            operationId = "registerSelf",
            summary = "Register yourself (first sign-in); the e-mail address comes from your token")
    @ResponseStatus(HttpStatus.CREATED)
    @ApiResponse(
            responseCode = "200",
            description = "Linked to the user an administrator registered with your address",
            content = @Content(schema = @Schema(implementation = UserChange.class)))
    @ProblemResponses({403, 409, 422})
    @ResponseHeaders({
        "ETag",
        ApiHeaders.CONSISTENCY_TOKEN,
        "Location",
        ApiHeaders.IDEMPOTENT_REPLAYED
    })
    ResponseEntity<UserChange> register(
            @AuthenticationPrincipal Caller caller,
            CallerAuthentication authentication,
            @IdempotencyKeyParameter
                    @RequestHeader(name = ApiHeaders.IDEMPOTENCY_KEY, required = false)
                    String idempotencyKey,
            @Valid @RequestBody(required = false) UserRequests.RegisterSelf request) {
        var body = request == null ? new UserRequests.RegisterSelf(null) : request;
        return idempotency.once(
                caller,
                idempotencyKey,
                "POST /api/me",
                body,
                UserChange.class,
                () -> {
                    caller.userId()
                            .ifPresent(
                                    existing -> {
                                        throw new IdentityAlreadyRegisteredException(
                                                existing.toString());
                                    });
                    if (caller.email() == null || caller.email().isBlank()) {
                        throw new ResponseStatusException(
                                HttpStatus.BAD_REQUEST,
                                "Your token carries no e-mail address; ask an administrator to register you");
                    }
                    String email =
                            VerifiedEmail.of(authentication.getCredentials())
                                    .orElseThrow(EmailNotVerifiedException::new);
                    var identity = new UserCommands.Identity(caller.issuer(), caller.subject());
                    var invited = accounts.unlinkedUserWithEmail(email);
                    if (invited.isPresent()) {
                        UserId id = invited.get();
                        return UserChange.response(
                                HttpStatus.OK,
                                id,
                                commands.send(new UserCommands.LinkIdentity(id, identity), id));
                    }
                    UserId id = new UserId(ids.get());
                    Outcome outcome =
                            commands.send(
                                    new UserCommands.RegisterUser(
                                            id, email, displayName(body, caller), identity),
                                    id);
                    return UserChange.response(HttpStatus.CREATED, id, outcome);
                });
    }

    private static String displayName(UserRequests.RegisterSelf request, Caller caller) {
        if (request.displayName() != null && !request.displayName().isBlank()) {
            return request.displayName();
        }
        if (caller.name() != null && !caller.name().isBlank()) {
            return caller.name();
        }
        return caller.email()
                .substring(
                        0,
                        caller.email().indexOf('@') < 0
                                ? caller.email().length()
                                : caller.email().indexOf('@'));
    }
}
