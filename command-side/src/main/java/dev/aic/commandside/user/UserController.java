package dev.aic.commandside.user;

import dev.aic.contracts.user.UserId;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/users")
class UserController {

    private final CommandGateway commands;
    private final Supplier<UUID> ids;

    UserController(CommandGateway commands, Supplier<UUID> ids) {
        this.commands = commands;
        this.ids = ids;
    }

    @PostMapping
    ResponseEntity<UserRegistration> register(@Valid @RequestBody RegisterUserRequest request) {
        UserId id = new UserId(ids.get());
        commands.sendAndWait(new RegisterUserCommand(id, request.email(), request.displayName()));
        return ResponseEntity.created(URI.create("/api/users/" + id)).body(new UserRegistration(id.value()));
    }

    /** What a client gets back: the id to read the user with on the query-side. */
    record UserRegistration(UUID id) {
    }
}
