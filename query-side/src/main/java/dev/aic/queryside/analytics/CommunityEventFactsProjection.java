package dev.aic.queryside.analytics;

import dev.aic.contracts.communityevent.CommunityEventEvent;
import dev.aic.contracts.communityevent.CommunityEventEvent.AttendeeCheckedIn;
import dev.aic.contracts.communityevent.CommunityEventEvent.Cancelled;
import dev.aic.contracts.communityevent.CommunityEventEvent.CapacityChanged;
import dev.aic.contracts.communityevent.CommunityEventEvent.DetailsChanged;
import dev.aic.contracts.communityevent.CommunityEventEvent.Drafted;
import dev.aic.contracts.communityevent.CommunityEventEvent.PromotedFromWaitingList;
import dev.aic.contracts.communityevent.CommunityEventEvent.Published;
import dev.aic.contracts.communityevent.CommunityEventEvent.Rescheduled;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpCancelled;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpConfirmed;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpWaitlisted;
import dev.aic.contracts.communityevent.Details;
import dev.aic.contracts.communityevent.RsvpState;
import dev.aic.queryside.ProjectionNames;
import dev.aic.queryside.eventstore.ProcessorTokens;
import java.time.Instant;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * Feeds {@code analytics-community-events}: the event's sequence number + 1 is the document's
 * external version, and an event the document already reflects is skipped, so a redelivered RSVP is
 * not counted twice.
 */
@Component
@ProcessingGroup(ProjectionNames.ANALYTICS_COMMUNITY_EVENTS)
class CommunityEventFactsProjection {

    private final CommunityEventFactsIndex index;

    CommunityEventFactsProjection(CommunityEventFactsIndex index, ProcessorTokens tokens) {
        this.index = index;
        if (index.needsFilling()) {
            // a new (or lost) index starts empty: whatever the token says was indexed went
            // elsewhere
            tokens.forget(ProjectionNames.ANALYTICS_COMMUNITY_EVENTS);
        }
    }

    @EventHandler
    void on(Drafted event, @SequenceNumber long seq, @Timestamp Instant at) {
        UUID id = event.eventId().value();
        Details details = event.details();
        index.create(
                new CommunityEventFacts(
                        id,
                        at,
                        "DRAFT",
                        null,
                        null,
                        event.schedule().startsAt(),
                        event.schedule().endsAt(),
                        details.tags(),
                        details.visibility().name(),
                        details.onlineLink() != null,
                        details.venue() != null,
                        event.capacity(),
                        0,
                        0,
                        0,
                        0,
                        0,
                        null),
                seq + 1);
    }

    @EventHandler
    void on(DetailsChanged event, @SequenceNumber long seq) {
        Details details = event.details();
        change(
                event,
                seq,
                facts ->
                        facts.details(
                                details.tags(),
                                details.visibility().name(),
                                details.onlineLink() != null,
                                details.venue() != null));
    }

    @EventHandler
    void on(Published event, @SequenceNumber long seq, @Timestamp Instant at) {
        change(event, seq, facts -> facts.status("PUBLISHED", at, null));
    }

    @EventHandler
    void on(Cancelled event, @SequenceNumber long seq, @Timestamp Instant at) {
        change(event, seq, facts -> facts.status("CANCELLED", facts.publishedAt(), at));
    }

    @EventHandler
    void on(Rescheduled event, @SequenceNumber long seq) {
        change(
                event,
                seq,
                facts -> facts.schedule(event.schedule().startsAt(), event.schedule().endsAt()));
    }

    @EventHandler
    void on(CapacityChanged event, @SequenceNumber long seq) {
        change(
                event,
                seq,
                facts -> facts.seats(event.capacity(), facts.seatsTaken(), facts.waiting(), 0, 0));
    }

    @EventHandler
    void on(RsvpConfirmed event, @SequenceNumber long seq) {
        change(
                event,
                seq,
                facts ->
                        facts.seats(
                                facts.capacity(), facts.seatsTaken() + 1, facts.waiting(), 1, 0));
    }

    @EventHandler
    void on(RsvpWaitlisted event, @SequenceNumber long seq) {
        change(
                event,
                seq,
                facts ->
                        facts.seats(
                                facts.capacity(), facts.seatsTaken(), facts.waiting() + 1, 1, 0));
    }

    @EventHandler
    void on(RsvpCancelled event, @SequenceNumber long seq) {
        change(
                event,
                seq,
                facts ->
                        event.gaveUp() == RsvpState.CONFIRMED
                                ? facts.seats(
                                        facts.capacity(),
                                        facts.seatsTaken() - 1,
                                        facts.waiting(),
                                        0,
                                        0)
                                : facts.seats(
                                        facts.capacity(),
                                        facts.seatsTaken(),
                                        facts.waiting() - 1,
                                        0,
                                        0));
    }

    @EventHandler
    void on(PromotedFromWaitingList event, @SequenceNumber long seq) {
        change(
                event,
                seq,
                facts ->
                        facts.seats(
                                facts.capacity(),
                                facts.seatsTaken() + 1,
                                facts.waiting() - 1,
                                0,
                                0));
    }

    @EventHandler
    void on(AttendeeCheckedIn event, @SequenceNumber long seq) {
        change(
                event,
                seq,
                facts -> facts.seats(facts.capacity(), facts.seatsTaken(), facts.waiting(), 0, 1));
    }

    @ResetHandler
    void reset() {
        index.clear();
    }

    private void change(
            CommunityEventEvent event, long seq, UnaryOperator<CommunityEventFacts> change) {
        long version = seq + 1;
        index.current(event.eventId().value())
                .ifPresent(
                        current -> {
                            if (current.version() < version) {
                                index.put(change.apply(current.document()), version);
                            }
                        });
    }
}
