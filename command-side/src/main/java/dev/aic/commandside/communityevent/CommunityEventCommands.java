package dev.aic.commandside.communityevent;

import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.communityevent.Details;
import dev.aic.contracts.communityevent.Schedule;
import dev.aic.contracts.user.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * What can be asked of a {@code CommunityEvent}; {@code expectedVersion} is the client's If-Match.
 */
final class CommunityEventCommands {

    private CommunityEventCommands() {}

    record Draft(
            @TargetAggregateIdentifier CommunityEventId eventId,
            Actor actor,
            Details details,
            Schedule schedule,
            int capacity) {}

    record ChangeDetails(
            @TargetAggregateIdentifier CommunityEventId eventId,
            @TargetAggregateVersion Long expectedVersion,
            Actor actor,
            Details details) {}

    record Publish(
            @TargetAggregateIdentifier CommunityEventId eventId,
            @TargetAggregateVersion Long expectedVersion,
            Actor actor) {}

    record Reschedule(
            @TargetAggregateIdentifier CommunityEventId eventId,
            @TargetAggregateVersion Long expectedVersion,
            Actor actor,
            Schedule schedule) {}

    record ChangeCapacity(
            @TargetAggregateIdentifier CommunityEventId eventId,
            @TargetAggregateVersion Long expectedVersion,
            Actor actor,
            int capacity) {}

    record AddCoOrganizer(
            @TargetAggregateIdentifier CommunityEventId eventId,
            @TargetAggregateVersion Long expectedVersion,
            Actor actor,
            UserId organizer) {}

    record Cancel(
            @TargetAggregateIdentifier CommunityEventId eventId,
            @TargetAggregateVersion Long expectedVersion,
            Actor actor,
            String reason) {}

    record Rsvp(@TargetAggregateIdentifier CommunityEventId eventId, UserId member) {}

    record CancelRsvp(@TargetAggregateIdentifier CommunityEventId eventId, UserId member) {}

    /** Opens the event's agenda, whose organisers and time are the event's. */
    record OpenAgenda(@TargetAggregateIdentifier CommunityEventId eventId, Actor actor) {}

    record CheckIn(
            @TargetAggregateIdentifier CommunityEventId eventId, Actor actor, UserId member) {}
}
