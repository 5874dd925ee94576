package dev.aic.queryside.analytics;

import dev.aic.contracts.communityevent.CommunityEventEvent.AttendeeCheckedIn;
import dev.aic.contracts.communityevent.CommunityEventEvent.PromotedFromWaitingList;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpCancelled;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpConfirmed;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpWaitlisted;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import dev.aic.queryside.ProjectionNames;
import dev.aic.queryside.eventstore.ProcessorTokens;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * Feeds {@code analytics-rsvps}. A fact never changes, so it is written with external version 1 and
 * a redelivered event is refused as a conflict; a member's erasure takes their pseudonym out of
 * their facts. That relies on the processor's single segment: events reach it in the store's order,
 * so no fact of a member comes after their erasure.
 */
@Component
@ProcessingGroup(ProjectionNames.ANALYTICS_RSVPS)
class RsvpFactProjection {

    private static final long FACT_VERSION = 1;

    private final RsvpFactIndex index;
    private final Pseudonyms pseudonyms;

    RsvpFactProjection(RsvpFactIndex index, Pseudonyms pseudonyms, ProcessorTokens tokens) {
        this.index = index;
        this.pseudonyms = pseudonyms;
        if (index.needsFilling()) {
            // a new (or lost) index starts empty: whatever the token says was indexed went
            // elsewhere
            tokens.forget(ProjectionNames.ANALYTICS_RSVPS);
        }
    }

    @EventHandler
    void on(RsvpConfirmed event, @SequenceNumber long seq, @Timestamp Instant at) {
        record(event.eventId(), seq, at, RsvpFact.CONFIRMED, event.member(), null);
    }

    @EventHandler
    void on(RsvpWaitlisted event, @SequenceNumber long seq, @Timestamp Instant at) {
        record(event.eventId(), seq, at, RsvpFact.WAITLISTED, event.member(), null);
    }

    @EventHandler
    void on(PromotedFromWaitingList event, @SequenceNumber long seq, @Timestamp Instant at) {
        record(event.eventId(), seq, at, RsvpFact.PROMOTED, event.member(), null);
    }

    @EventHandler
    void on(RsvpCancelled event, @SequenceNumber long seq, @Timestamp Instant at) {
        record(event.eventId(), seq, at, RsvpFact.CANCELLED, event.member(), event.gaveUp().name());
    }

    @EventHandler
    void on(AttendeeCheckedIn event, @SequenceNumber long seq, @Timestamp Instant at) {
        record(event.eventId(), seq, at, RsvpFact.CHECKED_IN, event.member(), null);
    }

    @EventHandler
    void on(UserEvent.Erased event) {
        index.forget("member", pseudonyms.of(event.userId().value()));
    }

    @ResetHandler
    void reset() {
        index.clear();
    }

    private void record(
            CommunityEventId event,
            long seq,
            Instant at,
            String type,
            UserId member,
            String gaveUp) {
        index.put(
                RsvpFact.of(event.value(), seq, at, type, pseudonyms.of(member.value()), gaveUp),
                FACT_VERSION);
    }
}
