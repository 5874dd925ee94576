package dev.aic.commandside.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.aic.contracts.user.UserId;
import dev.aic.contracts.user.UserRegistered;
import java.util.Locale;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A person on the platform. Command handlers check guards, then apply; sourcing handlers only assign. */
@Aggregate
class User {

    @AggregateIdentifier
    private UserId id;

    User() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    User(RegisterUserCommand command, EmailRegistry emails) {
        String email = command.email().trim().toLowerCase(Locale.ROOT);
        if (!emails.claim(email, command.userId())) {
            throw new EmailAlreadyRegisteredException(email);
        }
        apply(new UserRegistered(command.userId(), email, command.displayName().trim()));
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        id = event.userId();
    }
}
