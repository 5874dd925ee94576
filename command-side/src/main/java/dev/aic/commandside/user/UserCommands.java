package dev.aic.commandside.user;

import dev.aic.contracts.user.EmailTopic;
import dev.aic.contracts.user.Role;
import dev.aic.contracts.user.UserId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * What can be asked of a {@code User}. Sent only by this module, so they live here rather than in
 * contracts. {@code expectedVersion} is the client's {@code If-Match}; null means "any version".
 */
final class UserCommands {

    private UserCommands() {}

    /**
     * {@code identity} is null when an administrator registers someone who has not signed in yet.
     * The address is kept trimmed and in lower case: that is the form one address has in the event
     * and in {@link UserAccounts}.
     */
    record RegisterUser(
            @TargetAggregateIdentifier UserId userId,
            String email,
            String displayName,
            Identity identity) {

        RegisterUser {
            email = email.trim().toLowerCase(Locale.ROOT);
        }
    }

    record Identity(String issuer, String subject) {}

    record LinkIdentity(@TargetAggregateIdentifier UserId userId, Identity identity) {}

    record UpdateProfile(
            @TargetAggregateIdentifier UserId userId,
            @TargetAggregateVersion Long expectedVersion,
            String displayName,
            String bio,
            List<String> interests,
            String avatarRef) {}

    record ChangeRoles(
            @TargetAggregateIdentifier UserId userId,
            @TargetAggregateVersion Long expectedVersion,
            List<Role> roles) {}

    record Deactivate(
            @TargetAggregateIdentifier UserId userId,
            @TargetAggregateVersion Long expectedVersion,
            String reason) {}

    record Reactivate(
            @TargetAggregateIdentifier UserId userId,
            @TargetAggregateVersion Long expectedVersion) {}

    record ChangeEmailPreferences(
            @TargetAggregateIdentifier UserId userId,
            @TargetAggregateVersion Long expectedVersion,
            Set<EmailTopic> unsubscribed) {}

    /** Erases the member's personal data for good: their key, their address, their identity. */
    record EraseMember(
            @TargetAggregateIdentifier UserId userId,
            @TargetAggregateVersion Long expectedVersion,
            String reason) {}

    /** The one-click link of an e-mail: adds one topic, whatever the version. */
    record Unsubscribe(@TargetAggregateIdentifier UserId userId, EmailTopic topic) {}
}
