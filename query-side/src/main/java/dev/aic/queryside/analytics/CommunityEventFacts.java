package dev.aic.queryside.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A community event as analysts see it in {@code analytics-community-events}: its life (drafted at
 * {@code @timestamp}, published, cancelled), its shape (tags, online, venue, capacity) and how it
 * filled: seats taken now, the longest waiting list it had, every RSVP it got, check-ins, and
 * attendance as check-ins per seat taken. Organisers are left out: they are members, and this index
 * names none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CommunityEventFacts(
        @JsonProperty("communityEventId") UUID id,
        @JsonProperty("@timestamp") Instant timestamp,
        String status,
        Instant publishedAt,
        Instant cancelledAt,
        Instant startsAt,
        Instant endsAt,
        List<String> tags,
        String visibility,
        boolean online,
        boolean hasVenue,
        int capacity,
        int seatsTaken,
        int waiting,
        int waitingListPeak,
        int rsvps,
        int checkedIn,
        Double attendanceRate) {

    CommunityEventFacts {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    CommunityEventFacts status(String status, Instant publishedAt, Instant cancelledAt) {
        return new CommunityEventFacts(
                id,
                timestamp,
                status,
                publishedAt,
                cancelledAt,
                startsAt,
                endsAt,
                tags,
                visibility,
                online,
                hasVenue,
                capacity,
                seatsTaken,
                waiting,
                waitingListPeak,
                rsvps,
                checkedIn,
                attendanceRate);
    }

    CommunityEventFacts details(
            List<String> tags, String visibility, boolean online, boolean hasVenue) {
        return new CommunityEventFacts(
                id,
                timestamp,
                status,
                publishedAt,
                cancelledAt,
                startsAt,
                endsAt,
                tags,
                visibility,
                online,
                hasVenue,
                capacity,
                seatsTaken,
                waiting,
                waitingListPeak,
                rsvps,
                checkedIn,
                attendanceRate);
    }

    CommunityEventFacts schedule(Instant startsAt, Instant endsAt) {
        return new CommunityEventFacts(
                id,
                timestamp,
                status,
                publishedAt,
                cancelledAt,
                startsAt,
                endsAt,
                tags,
                visibility,
                online,
                hasVenue,
                capacity,
                seatsTaken,
                waiting,
                waitingListPeak,
                rsvps,
                checkedIn,
                attendanceRate);
    }

    /**
     * The seats and the list after a change; a new RSVP adds one to {@code rsvps}, the peak only
     * grows.
     */
    CommunityEventFacts seats(
            int capacity, int seatsTaken, int waiting, int newRsvps, int newCheckIns) {
        int checkedIn = this.checkedIn + newCheckIns;
        return new CommunityEventFacts(
                id,
                timestamp,
                status,
                publishedAt,
                cancelledAt,
                startsAt,
                endsAt,
                tags,
                visibility,
                online,
                hasVenue,
                capacity,
                seatsTaken,
                waiting,
                Math.max(waitingListPeak, waiting),
                rsvps + newRsvps,
                checkedIn,
                seatsTaken == 0 ? null : (double) checkedIn / seatsTaken);
    }
}
