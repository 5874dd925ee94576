package dev.aic.queryside.analytics;

import dev.aic.contracts.user.Role;
import dev.aic.contracts.user.UserEvent;
import dev.aic.queryside.ProjectionNames;
import dev.aic.queryside.eventstore.ProcessorTokens;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * Feeds {@code analytics-members}. A member's erasure anonymises their document (cohort kept,
 * pseudonym, interests and roles gone) and takes their pseudonym out of the search facts, whose
 * fact-by-fact recording knows nothing of erasures; the RSVP facts forget it in their own
 * projection.
 */
@Component
@ProcessingGroup(ProjectionNames.ANALYTICS_MEMBERS)
class MemberFactsProjection {

    private final MemberFactsIndex index;
    private final SearchFactIndex searchFacts;
    private final Pseudonyms pseudonyms;

    MemberFactsProjection(
            MemberFactsIndex index,
            SearchFactIndex searchFacts,
            Pseudonyms pseudonyms,
            ProcessorTokens tokens) {
        this.index = index;
        this.searchFacts = searchFacts;
        this.pseudonyms = pseudonyms;
        if (index.needsFilling()) {
            // a new (or lost) index starts empty: whatever the token says was indexed went
            // elsewhere
            tokens.forget(ProjectionNames.ANALYTICS_MEMBERS);
        }
    }

    @EventHandler
    void on(UserEvent.Registered event, @SequenceNumber long seq, @Timestamp Instant at) {
        UUID id = pseudonyms.documentOf(event.userId().value());
        index.create(
                MemberFacts.registered(
                        id, at, pseudonyms.of(event.userId().value()), List.of(Role.MEMBER.name())),
                seq + 1);
    }

    @EventHandler
    void on(UserEvent.ProfileUpdated event, @SequenceNumber long seq) {
        change(event, seq, member -> member.interests(event.interests()));
    }

    @EventHandler
    void on(UserEvent.RolesChanged event, @SequenceNumber long seq) {
        change(
                event,
                seq,
                member -> member.roles(event.roles().stream().map(Role::name).sorted().toList()));
    }

    @EventHandler
    void on(UserEvent.Deactivated event, @SequenceNumber long seq) {
        change(event, seq, member -> member.active(false));
    }

    @EventHandler
    void on(UserEvent.Reactivated event, @SequenceNumber long seq) {
        change(event, seq, member -> member.active(true));
    }

    @EventHandler
    void on(UserEvent.Erased event, @SequenceNumber long seq) {
        change(event, seq, MemberFacts::asErased);
        searchFacts.forget(pseudonyms.of(event.userId().value()));
    }

    @ResetHandler
    void reset() {
        index.clear();
    }

    /**
     * Events of users who never registered (none today) and the ones already reflected change
     * nothing.
     */
    private void change(UserEvent event, long seq, UnaryOperator<MemberFacts> change) {
        long version = seq + 1;
        index.current(pseudonyms.documentOf(event.userId().value()))
                .ifPresent(
                        current -> {
                            if (current.version() < version) {
                                index.put(change.apply(current.document()), version);
                            }
                        });
    }
}
