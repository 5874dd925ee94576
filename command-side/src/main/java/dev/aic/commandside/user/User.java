package dev.aic.commandside.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.aic.contracts.user.EmailTopic;
import dev.aic.contracts.user.Role;
import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A person on the platform. Command handlers check guards, then apply; sourcing handlers only
 * assign. A command that would change nothing applies nothing, so retries and double clicks are
 * harmless. The rules that span users (one address, one identity each) are {@link UserAccounts}',
 * checked and recorded in the same transaction as these events.
 */
@Aggregate
class User {

    @AggregateIdentifier private UserId id;
    private boolean linked;
    private boolean active;
    private List<Role> roles;
    private UserEvent.ProfileUpdated profile;
    private List<EmailTopic> unsubscribed = List.of();
    private boolean erased;

    User() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    User(UserCommands.RegisterUser command) {
        apply(
                new UserEvent.Registered(
                        command.userId(), command.email(), command.displayName().trim()));
        if (command.identity() != null) {
            // in a constructor Axon applies events after it returns, so id is not assigned yet
            apply(linked(command.userId(), command.identity()));
        }
    }

    @CommandHandler
    void handle(UserCommands.LinkIdentity command) {
        refuseIfErased();
        if (linked) {
            throw new IdentityAlreadyRegisteredException(id.toString());
        }
        apply(linked(id, command.identity()));
    }

    private static UserEvent.IdentityLinked linked(UserId user, UserCommands.Identity identity) {
        return new UserEvent.IdentityLinked(user, identity.issuer(), identity.subject());
    }

    @CommandHandler
    void handle(UserCommands.UpdateProfile command) {
        refuseIfErased();
        var updated =
                new UserEvent.ProfileUpdated(
                        id,
                        command.displayName().trim(),
                        blankToNull(command.bio()),
                        command.interests().stream().map(String::trim).distinct().toList(),
                        blankToNull(command.avatarRef()));
        if (!updated.equals(profile)) {
            apply(updated);
        }
    }

    @CommandHandler
    void handle(UserCommands.ChangeRoles command) {
        refuseIfErased();
        // declaration order, no duplicates: the same set of roles is always the same event
        List<Role> normalised =
                Arrays.stream(Role.values()).filter(command.roles()::contains).toList();
        if (!normalised.equals(roles)) {
            apply(new UserEvent.RolesChanged(id, normalised));
        }
    }

    @CommandHandler
    void handle(UserCommands.Deactivate command) {
        refuseIfErased();
        if (active) {
            apply(new UserEvent.Deactivated(id, blankToNull(command.reason())));
        }
    }

    @CommandHandler
    void handle(UserCommands.Reactivate command) {
        refuseIfErased();
        if (!active) {
            apply(new UserEvent.Reactivated(id));
        }
    }

    @CommandHandler
    void handle(UserCommands.ChangeEmailPreferences command) {
        changeEmailPreferences(command.unsubscribed());
    }

    @CommandHandler
    void handle(UserCommands.Unsubscribe command) {
        Set<EmailTopic> topics = EnumSet.of(command.topic());
        topics.addAll(unsubscribed);
        changeEmailPreferences(topics);
    }

    @CommandHandler
    void handle(UserCommands.EraseMember command) {
        refuseIfErased();
        apply(new UserEvent.Erased(id, command.reason().trim()));
    }

    private void refuseIfErased() {
        if (erased) {
            throw new MemberErasedException(id.toString());
        }
    }

    private void changeEmailPreferences(Set<EmailTopic> topics) {
        refuseIfErased();
        // declaration order, no duplicates: the same choice is always the same event
        List<EmailTopic> normalised =
                Arrays.stream(EmailTopic.values()).filter(topics::contains).toList();
        if (!normalised.equals(unsubscribed)) {
            apply(new UserEvent.EmailPreferencesChanged(id, normalised));
        }
    }

    @EventSourcingHandler
    void on(UserEvent.Registered event) {
        id = event.userId();
        active = true;
        roles = List.of(Role.MEMBER);
        profile = new UserEvent.ProfileUpdated(id, event.displayName(), null, List.of(), null);
    }

    @EventSourcingHandler
    void on(UserEvent.IdentityLinked event) {
        linked = true;
    }

    @EventSourcingHandler
    void on(UserEvent.ProfileUpdated event) {
        profile = event;
    }

    @EventSourcingHandler
    void on(UserEvent.RolesChanged event) {
        roles = event.roles();
    }

    @EventSourcingHandler
    void on(UserEvent.Deactivated event) {
        active = false;
    }

    @EventSourcingHandler
    void on(UserEvent.Reactivated event) {
        active = true;
    }

    @EventSourcingHandler
    void on(UserEvent.EmailPreferencesChanged event) {
        unsubscribed = event.unsubscribed();
    }

    @EventSourcingHandler
    void on(UserEvent.Erased event) {
        erased = true;
        active = false;
        linked = false;
        profile = null;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    @Override
    public String toString() {
        return "User " + Objects.toString(id);
    }
}
