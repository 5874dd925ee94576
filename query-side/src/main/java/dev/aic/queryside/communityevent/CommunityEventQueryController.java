package dev.aic.queryside.communityevent;

import dev.aic.contracts.communityevent.RsvpState;
import dev.aic.queryside.ProjectionNames;
import dev.aic.queryside.consistency.ReadModel;
import dev.aic.queryside.user.NotRegisteredException;
import dev.aic.queryside.web.Cursors;
import dev.aic.web.http.Versions;
import dev.aic.web.openapi.ProblemResponses;
import dev.aic.web.openapi.ResponseHeaders;
import dev.aic.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "community-events")
class CommunityEventQueryController {

    private static final String ANY_ROLE = "hasAnyRole('MEMBER', 'ORGANIZER', 'ADMIN', 'AUDITOR')";
    private static final MediaType CALENDAR =
            MediaType.parseMediaType(CommunityEventCalendar.MEDIA_TYPE + ";charset=UTF-8");

    private static final Instant FIRST_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59Z");

    private final CommunityEvents events;
    private final CommunityEventProjection rsvps;
    private final CommunityEventListing listing;
    private final CommunityEventCalendar calendar;
    private final Clock clock = Clock.systemUTC();

    CommunityEventQueryController(
            CommunityEvents events,
            CommunityEventProjection rsvps,
            CommunityEventListing listing,
            CommunityEventCalendar calendar) {
        this.events = events;
        this.rsvps = rsvps;
        this.listing = listing;
        this.calendar = calendar;
    }

    @GetMapping("/api/events")
    @PreAuthorize(ANY_ROLE)
    @ReadModel(value = ProjectionNames.COMMUNITY_EVENTS, unlessParameter = "q")
    @ReadModel(
            value = {ProjectionNames.COMMUNITY_EVENTS_SEARCH, ProjectionNames.COMMUNITY_EVENTS},
            ifParameter = "q")
    @Operation(
            operationId = "listEvents",
            summary =
                    "Upcoming community events, soonest first, a page at a time;"
                            + " with q, a full-text search of titles, descriptions and tags, best match first",
            description =
                    "Published events, and the drafts the caller organises (administrators: every draft)."
                            + " Pass nextCursor back as cursor, with the same q and filters, for the next page.")
    CommunityEventPage list(
            @AuthenticationPrincipal Caller caller,
            @Parameter(
                            description =
                                    "Search: words of the title, description or tags; results come best match"
                                            + " first, then by id")
                    @RequestParam(required = false)
                    @Size(max = 200)
                    String q,
            @Parameter(description = "Only events with this tag")
                    @RequestParam(required = false)
                    @Size(max = 100)
                    String tag,
            @Parameter(
                            description =
                                    "Only events starting at or after this instant (ISO 8601); default: now")
                    @RequestParam(required = false)
                    Instant from,
            @Parameter(description = "Only events starting before this instant (ISO 8601)")
                    @RequestParam(required = false)
                    Instant to,
            @Parameter(
                            description =
                                    "true: only events with an online link; false: only events with a venue")
                    @RequestParam(required = false)
                    Boolean online,
            @Parameter(description = "true: only events with a free seat; false: only full ones")
                    @RequestParam(required = false)
                    Boolean hasSeats,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @Parameter(description = "nextCursor of the previous page")
                    @RequestParam(required = false)
                    @Size(max = Cursors.MAX_LENGTH)
                    String cursor) {
        String blankFree = tag == null || tag.isBlank() ? null : tag.strip();
        if (blankFree != null && blankFree.indexOf('\0') >= 0) {
            // no tag holds U+0000 (PostgreSQL text cannot), and PostgreSQL would refuse to compare
            // with one
            return new CommunityEventPage(List.of(), null);
        }
        var filter =
                new CommunityEvents.Filter(
                        blankFree, withinCalendar(from), withinCalendar(to), online, hasSeats);
        return listing.list(caller, new CommunityEventListing.Request(q, filter, limit, cursor));
    }

    @GetMapping("/api/events/{id}")
    @PreAuthorize(ANY_ROLE)
    @ReadModel(ProjectionNames.COMMUNITY_EVENTS)
    @Operation(
            operationId = "getEvent",
            summary = "A community event with its seat counts",
            description =
                    "Drafts are found by their organisers and administrators only. The ETag is the event's version.")
    @ProblemResponses({404})
    @ResponseHeaders("ETag")
    ResponseEntity<CommunityEventView> get(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        CommunityEventView event = visible(caller, id);
        return ResponseEntity.ok().eTag(Versions.etag(event.version())).body(event);
    }

    @GetMapping("/api/events/{id}/attendees")
    @PreAuthorize(ANY_ROLE)
    @ReadModel({ProjectionNames.COMMUNITY_EVENTS, ProjectionNames.USERS})
    @Operation(
            operationId = "getAttendees",
            summary = "Who holds a seat and who waits for one, in order",
            description =
                    "For the event's organisers, administrators and auditors; other members get 403.")
    @ProblemResponses({404})
    CommunityEventProjection.Attendees attendees(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        CommunityEventView event = visible(caller, id);
        requireAttendeeReader(caller, event);
        return rsvps.attendees(id);
    }

    @GetMapping("/api/events/{id}/stats")
    @PreAuthorize(ANY_ROLE)
    @ReadModel(ProjectionNames.COMMUNITY_EVENTS)
    @Operation(
            operationId = "getEventStats",
            summary = "RSVP and attendance figures of a community event",
            description =
                    "For the event's organisers, administrators and auditors; other members get 403.")
    @ProblemResponses({404})
    CommunityEventStats stats(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        CommunityEventView event = visible(caller, id);
        requireAttendeeReader(caller, event);
        return events.stats(id);
    }

    @GetMapping(
            value = "/api/events/{id}/calendar.ics",
            produces = CommunityEventCalendar.MEDIA_TYPE)
    @PreAuthorize(ANY_ROLE)
    @ReadModel(ProjectionNames.COMMUNITY_EVENTS)
    @Operation(
            operationId = "getEventCalendar",
            summary = "A community event as an iCalendar (RFC 5545) file",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "one VEVENT, UID <id>@aic",
                            content =
                                    @Content(
                                            mediaType = CommunityEventCalendar.MEDIA_TYPE,
                                            schema = @Schema(type = "string"))))
    @ProblemResponses({404})
    ResponseEntity<String> eventCalendar(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        CommunityEventView event = visible(caller, id);
        return ResponseEntity.ok()
                .contentType(CALENDAR)
                .body(calendar.render(List.of(new CommunityEventCalendar.Entry(event, false))));
    }

    @GetMapping("/api/me/events")
    @PreAuthorize(ANY_ROLE)
    @ReadModel(ProjectionNames.COMMUNITY_EVENTS)
    @Operation(
            operationId = "getMyEvents",
            summary = "Your calendar: the events you hold a seat in or wait for",
            description =
                    "Upcoming events first, soonest first, then past ones, most recent first.")
    @ProblemResponses({404})
    MyCommunityEvents mine(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        return new MyCommunityEvents(events.ofMember(me(caller), clock.instant(), limit));
    }

    @GetMapping(value = "/api/me/calendar.ics", produces = CommunityEventCalendar.MEDIA_TYPE)
    @PreAuthorize(ANY_ROLE)
    @ReadModel(ProjectionNames.COMMUNITY_EVENTS)
    @Operation(
            operationId = "getMyCalendar",
            summary = "Your calendar as an iCalendar (RFC 5545) file",
            description =
                    "One VEVENT per event you hold a seat in (CONFIRMED) or wait for (TENTATIVE);"
                            + " cancelled events stay in it as CANCELLED.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "the calendar",
                            content =
                                    @Content(
                                            mediaType = CommunityEventCalendar.MEDIA_TYPE,
                                            schema = @Schema(type = "string"))))
    @ProblemResponses({404})
    ResponseEntity<String> myCalendar(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        List<CommunityEventCalendar.Entry> entries =
                events.ofMember(me(caller), clock.instant(), limit).stream()
                        .map(
                                mine ->
                                        new CommunityEventCalendar.Entry(
                                                mine.event(), mine.rsvp() == RsvpState.WAITLISTED))
                        .toList();
        return ResponseEntity.ok().contentType(CALENDAR).body(calendar.render(entries));
    }

    /**
     * Events start in the years 0001-9999 (the command-side's rule); a bound beyond them, which
     * PostgreSQL and OpenSearch could not even compare, moves to their edge and bounds nothing.
     */
    private static Instant withinCalendar(Instant bound) {
        if (bound == null) {
            return null;
        }
        return bound.isBefore(FIRST_INSTANT)
                ? FIRST_INSTANT
                : bound.isAfter(LAST_INSTANT) ? LAST_INSTANT : bound;
    }

    private CommunityEventView visible(Caller caller, UUID id) {
        return events.find(id)
                .filter(
                        found ->
                                CommunityEventAccess.maySee(
                                        caller, found.event(), found.published()))
                .map(CommunityEvents.Found::event)
                .orElseThrow(() -> new CommunityEventNotFoundException(id));
    }

    private static void requireAttendeeReader(Caller caller, CommunityEventView event) {
        if (!CommunityEventAccess.mayReadAttendees(caller, event)) {
            throw new AccessDeniedException(
                    "Only the event's organisers, administrators and auditors see this");
        }
    }

    private static UUID me(Caller caller) {
        if (caller.deactivated()) {
            throw new AccessDeniedException("Your account is deactivated");
        }
        return caller.userId().orElseThrow(NotRegisteredException::new);
    }
}
