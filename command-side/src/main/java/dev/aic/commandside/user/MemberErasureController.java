package dev.aic.commandside.user;

import dev.aic.commandside.web.Commands;
import dev.aic.contracts.user.UserId;
import dev.aic.web.http.Versions;
import dev.aic.web.openapi.IfMatchParameter;
import dev.aic.web.openapi.ProblemResponses;
import dev.aic.web.openapi.ResponseHeaders;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The right to erasure, carried out by an administrator: the member's key is deleted
 * (docs/personal-data.md), so their past events no longer say who they were, and the erasure itself
 * stays in the audit trail as a {@code UserEvent.Erased} event attributed to the administrator.
 */
@RestController
@Tag(name = "users")
class MemberErasureController {

    private final Commands commands;

    MemberErasureController(Commands commands) {
        this.commands = commands;
    }

    @PostMapping("/api/admin/users/{id}/erasure")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            operationId = "eraseMember",
            summary = "Erase a member's personal data for good (administrators)")
    @ResponseHeaders
    @ProblemResponses({404, 409, 412})
    ResponseEntity<UserChange> erase(
            @PathVariable UUID id,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody UserRequests.EraseMember request) {
        UserId user = new UserId(id);
        var command =
                new UserCommands.EraseMember(user, Versions.expected(ifMatch), request.reason());
        return UserChange.response(HttpStatus.OK, user, commands.send(command, id));
    }
}
