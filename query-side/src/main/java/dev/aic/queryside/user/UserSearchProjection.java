package dev.aic.queryside.user;

import dev.aic.contracts.privacy.PersonalData;
import dev.aic.contracts.user.Role;
import dev.aic.contracts.user.UserEvent;
import dev.aic.queryside.ProjectionNames;
import dev.aic.queryside.eventstore.ProcessorTokens;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Feeds the {@code users} OpenSearch index. OpenSearch is outside the processor's transaction, so
 * delivery is at least once; the document's external version (sequence number + 1) makes every
 * write idempotent, and an event the document already reflects is skipped.
 */
@Component
@ProcessingGroup(ProjectionNames.USERS_SEARCH)
class UserSearchProjection {

    private static final Logger log = LoggerFactory.getLogger(UserSearchProjection.class);

    private final UserSearchIndex index;

    UserSearchProjection(UserSearchIndex index, ProcessorTokens tokens) {
        this.index = index;
        if (index.needsFilling()) {
            // a new (or lost) index starts empty: whatever the token says was indexed went
            // elsewhere
            tokens.forget(ProjectionNames.USERS_SEARCH);
        }
    }

    @EventHandler
    void on(UserEvent.Registered event, @SequenceNumber long seq, @Timestamp Instant at) {
        index.create(
                new UserDocument(
                        event.userId().value(),
                        event.email(),
                        event.displayName(),
                        null,
                        List.of(),
                        null,
                        List.of(Role.MEMBER),
                        true,
                        at),
                seq + 1);
    }

    @EventHandler
    void on(UserEvent.IdentityLinked event, @SequenceNumber long seq) {
        // the identity is not searchable; the version still moves, so the document states which
        // event it reflects
        change(event, seq, UnaryOperator.identity());
    }

    @EventHandler
    void on(UserEvent.ProfileUpdated event, @SequenceNumber long seq) {
        change(
                event,
                seq,
                user ->
                        new UserDocument(
                                user.id(),
                                user.email(),
                                event.displayName(),
                                event.bio(),
                                event.interests(),
                                event.avatarRef(),
                                user.roles(),
                                user.active(),
                                user.registeredAt()));
    }

    @EventHandler
    void on(UserEvent.RolesChanged event, @SequenceNumber long seq) {
        change(
                event,
                seq,
                user ->
                        new UserDocument(
                                user.id(),
                                user.email(),
                                user.displayName(),
                                user.bio(),
                                user.interests(),
                                user.avatarRef(),
                                event.roles(),
                                user.active(),
                                user.registeredAt()));
    }

    @EventHandler
    void on(UserEvent.Deactivated event, @SequenceNumber long seq) {
        // deactivated users stay in the index for analysts; member searches filter on active
        change(event, seq, user -> active(user, false));
    }

    @EventHandler
    void on(UserEvent.Reactivated event, @SequenceNumber long seq) {
        change(event, seq, user -> active(user, true));
    }

    /**
     * Anonymised rather than deleted: analysts keep their counts, and nothing in the document names
     * the member.
     */
    @EventHandler
    void on(UserEvent.Erased event, @SequenceNumber long seq) {
        change(
                event,
                seq,
                user ->
                        new UserDocument(
                                user.id(),
                                null,
                                PersonalData.ERASED_MEMBER,
                                null,
                                List.of(),
                                null,
                                List.of(),
                                false,
                                user.registeredAt()));
    }

    @ResetHandler
    void reset() {
        index.clear();
    }

    private void change(UserEvent event, long seq, UnaryOperator<UserDocument> change) {
        long version = seq + 1;
        index.current(event.userId().value())
                .ifPresentOrElse(
                        current -> {
                            if (current.version() < version) {
                                index.put(change.apply(current.document()), version);
                            }
                        },
                        () ->
                                log.warn(
                                        "{} for user {} before the user is indexed; skipped",
                                        event.getClass().getSimpleName(),
                                        event.userId()));
    }

    private static UserDocument active(UserDocument user, boolean active) {
        return new UserDocument(
                user.id(),
                user.email(),
                user.displayName(),
                user.bio(),
                user.interests(),
                user.avatarRef(),
                user.roles(),
                active,
                user.registeredAt());
    }
}
