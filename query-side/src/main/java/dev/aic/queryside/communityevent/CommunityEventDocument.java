package dev.aic.queryside.communityevent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A community event in the {@code community-events} OpenSearch index, for analysts and {@code ?q=}.
 * The counts are kept from the RSVP events alone, so the index never needs the PostgreSQL read
 * model.
 */
record CommunityEventDocument(
        UUID id,
        String title,
        String description,
        List<String> tags,
        Instant startsAt,
        Instant endsAt,
        String status,
        boolean published,
        String visibility,
        boolean online,
        boolean hasVenue,
        List<UUID> organizers,
        int capacity,
        int confirmed,
        int waiting,
        int seatsLeft) {

    CommunityEventDocument {
        tags = tags == null ? List.of() : List.copyOf(tags);
        organizers = organizers == null ? List.of() : List.copyOf(organizers);
    }

    /** The same event with other seat figures; seats left follow. */
    CommunityEventDocument seats(int newCapacity, int newConfirmed, int newWaiting) {
        return new CommunityEventDocument(
                id,
                title,
                description,
                tags,
                startsAt,
                endsAt,
                status,
                published,
                visibility,
                online,
                hasVenue,
                organizers,
                newCapacity,
                newConfirmed,
                newWaiting,
                Math.max(0, newCapacity - newConfirmed));
    }
}
