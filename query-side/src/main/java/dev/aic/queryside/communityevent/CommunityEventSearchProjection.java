package dev.aic.queryside.communityevent;

import dev.aic.contracts.communityevent.CommunityEventEvent;
import dev.aic.contracts.communityevent.CommunityEventEvent.AgendaOpened;
import dev.aic.contracts.communityevent.CommunityEventEvent.AttendeeCheckedIn;
import dev.aic.contracts.communityevent.CommunityEventEvent.Cancelled;
import dev.aic.contracts.communityevent.CommunityEventEvent.CapacityChanged;
import dev.aic.contracts.communityevent.CommunityEventEvent.CoOrganizerAdded;
import dev.aic.contracts.communityevent.CommunityEventEvent.DetailsChanged;
import dev.aic.contracts.communityevent.CommunityEventEvent.Drafted;
import dev.aic.contracts.communityevent.CommunityEventEvent.PromotedFromWaitingList;
import dev.aic.contracts.communityevent.CommunityEventEvent.Published;
import dev.aic.contracts.communityevent.CommunityEventEvent.ReminderDue;
import dev.aic.contracts.communityevent.CommunityEventEvent.Rescheduled;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpCancelled;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpConfirmed;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpWaitlisted;
import dev.aic.contracts.communityevent.Details;
import dev.aic.contracts.communityevent.RsvpState;
import dev.aic.queryside.ProjectionNames;
import dev.aic.queryside.eventstore.ProcessorTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Feeds the {@code community-events} OpenSearch index. OpenSearch is outside the processor's
 * transaction, so delivery is at least once; the document's external version (sequence number + 1)
 * makes every write idempotent, and an event the document already reflects is skipped, which is
 * what keeps the seat counts from counting an RSVP twice.
 */
@Component
@ProcessingGroup(ProjectionNames.COMMUNITY_EVENTS_SEARCH)
class CommunityEventSearchProjection {

    private static final Logger log = LoggerFactory.getLogger(CommunityEventSearchProjection.class);

    private final CommunityEventSearchIndex index;

    CommunityEventSearchProjection(CommunityEventSearchIndex index, ProcessorTokens tokens) {
        this.index = index;
        if (index.needsFilling()) {
            // a new (or lost) index starts empty: whatever the token says was indexed went
            // elsewhere
            tokens.forget(ProjectionNames.COMMUNITY_EVENTS_SEARCH);
        }
    }

    @EventHandler
    void on(Drafted event, @SequenceNumber long seq) {
        UUID id = event.eventId().value();
        Details details = event.details();
        index.create(
                new CommunityEventDocument(
                        id,
                        details.title(),
                        details.description(),
                        details.tags(),
                        event.schedule().startsAt(),
                        event.schedule().endsAt(),
                        "DRAFT",
                        false,
                        details.visibility().name(),
                        details.onlineLink() != null,
                        details.venue() != null,
                        List.of(event.organizer().value()),
                        event.capacity(),
                        0,
                        0,
                        event.capacity()),
                seq + 1);
    }

    @EventHandler
    void on(DetailsChanged event, @SequenceNumber long seq) {
        Details details = event.details();
        change(
                event,
                seq,
                doc ->
                        new CommunityEventDocument(
                                doc.id(),
                                details.title(),
                                details.description(),
                                details.tags(),
                                doc.startsAt(),
                                doc.endsAt(),
                                doc.status(),
                                doc.published(),
                                details.visibility().name(),
                                details.onlineLink() != null,
                                details.venue() != null,
                                doc.organizers(),
                                doc.capacity(),
                                doc.confirmed(),
                                doc.waiting(),
                                doc.seatsLeft()));
    }

    @EventHandler
    void on(Published event, @SequenceNumber long seq) {
        change(event, seq, doc -> status(doc, "PUBLISHED", true));
    }

    @EventHandler
    void on(Cancelled event, @SequenceNumber long seq) {
        change(event, seq, doc -> status(doc, "CANCELLED", doc.published()));
    }

    @EventHandler
    void on(Rescheduled event, @SequenceNumber long seq) {
        change(
                event,
                seq,
                doc ->
                        new CommunityEventDocument(
                                doc.id(),
                                doc.title(),
                                doc.description(),
                                doc.tags(),
                                event.schedule().startsAt(),
                                event.schedule().endsAt(),
                                doc.status(),
                                doc.published(),
                                doc.visibility(),
                                doc.online(),
                                doc.hasVenue(),
                                doc.organizers(),
                                doc.capacity(),
                                doc.confirmed(),
                                doc.waiting(),
                                doc.seatsLeft()));
    }

    @EventHandler
    void on(CoOrganizerAdded event, @SequenceNumber long seq) {
        change(
                event,
                seq,
                doc -> {
                    List<UUID> organizers = new ArrayList<>(doc.organizers());
                    if (!organizers.contains(event.organizer().value())) {
                        organizers.add(event.organizer().value());
                    }
                    return new CommunityEventDocument(
                            doc.id(),
                            doc.title(),
                            doc.description(),
                            doc.tags(),
                            doc.startsAt(),
                            doc.endsAt(),
                            doc.status(),
                            doc.published(),
                            doc.visibility(),
                            doc.online(),
                            doc.hasVenue(),
                            organizers,
                            doc.capacity(),
                            doc.confirmed(),
                            doc.waiting(),
                            doc.seatsLeft());
                });
    }

    @EventHandler
    void on(CapacityChanged event, @SequenceNumber long seq) {
        change(event, seq, doc -> doc.seats(event.capacity(), doc.confirmed(), doc.waiting()));
    }

    @EventHandler
    void on(RsvpConfirmed event, @SequenceNumber long seq) {
        change(event, seq, doc -> doc.seats(doc.capacity(), doc.confirmed() + 1, doc.waiting()));
    }

    @EventHandler
    void on(RsvpWaitlisted event, @SequenceNumber long seq) {
        change(event, seq, doc -> doc.seats(doc.capacity(), doc.confirmed(), doc.waiting() + 1));
    }

    @EventHandler
    void on(RsvpCancelled event, @SequenceNumber long seq) {
        change(
                event,
                seq,
                doc ->
                        event.gaveUp() == RsvpState.CONFIRMED
                                ? doc.seats(doc.capacity(), doc.confirmed() - 1, doc.waiting())
                                : doc.seats(doc.capacity(), doc.confirmed(), doc.waiting() - 1));
    }

    @EventHandler
    void on(PromotedFromWaitingList event, @SequenceNumber long seq) {
        change(
                event,
                seq,
                doc -> doc.seats(doc.capacity(), doc.confirmed() + 1, doc.waiting() - 1));
    }

    @EventHandler
    void on(AttendeeCheckedIn event, @SequenceNumber long seq) {
        // not searchable; the version still moves, so the document states which event it reflects
        change(event, seq, UnaryOperator.identity());
    }

    @EventHandler
    void on(ReminderDue event, @SequenceNumber long seq) {
        change(event, seq, UnaryOperator.identity());
    }

    @EventHandler
    void on(AgendaOpened event, @SequenceNumber long seq) {
        change(event, seq, UnaryOperator.identity());
    }

    @ResetHandler
    void reset() {
        index.clear();
    }

    private void change(
            CommunityEventEvent event, long seq, UnaryOperator<CommunityEventDocument> change) {
        long version = seq + 1;
        index.current(event.eventId().value())
                .ifPresentOrElse(
                        current -> {
                            if (current.version() < version) {
                                index.put(change.apply(current.document()), version);
                            }
                        },
                        () ->
                                log.warn(
                                        "{} for community event {} before the event is indexed; skipped",
                                        event.getClass().getSimpleName(),
                                        event.eventId()));
    }

    private static CommunityEventDocument status(
            CommunityEventDocument doc, String status, boolean published) {
        return new CommunityEventDocument(
                doc.id(),
                doc.title(),
                doc.description(),
                doc.tags(),
                doc.startsAt(),
                doc.endsAt(),
                status,
                published,
                doc.visibility(),
                doc.online(),
                doc.hasVenue(),
                doc.organizers(),
                doc.capacity(),
                doc.confirmed(),
                doc.waiting(),
                doc.seatsLeft());
    }
}
