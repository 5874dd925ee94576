package dev.aic.commandside.communityevent;

import dev.aic.commandside.web.Commands;
import dev.aic.commandside.web.Idempotency;
import dev.aic.commandside.web.Outcome;
import dev.aic.contracts.agenda.AgendaId;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.communityevent.RsvpState;
import dev.aic.contracts.user.Role;
import dev.aic.contracts.user.UserId;
import dev.aic.web.http.ApiHeaders;
import dev.aic.web.http.Versions;
import dev.aic.web.openapi.IdempotencyKeyParameter;
import dev.aic.web.openapi.IfMatchParameter;
import dev.aic.web.openapi.ProblemResponses;
import dev.aic.web.openapi.ResponseHeaders;
import dev.aic.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Community events over REST. Any member may reach the changing endpoints: whether the caller
 * organises the event (or administers the platform) is the aggregate's rule, answered with 403.
 */
@RestController
@RequestMapping("/api/events")
@Tag(name = "events")
class CommunityEventController {

    private static final String SIGNED_IN_MEMBER = "hasAnyRole('MEMBER','ORGANIZER','ADMIN')";

    private final Commands commands;
    private final Idempotency idempotency;
    private final Supplier<UUID> ids;

    CommunityEventController(Commands commands, Idempotency idempotency, Supplier<UUID> ids) {
        this.commands = commands;
        this.idempotency = idempotency;
        this.ids = ids;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('ORGANIZER','ADMIN')")
    @Operation(
            operationId = "draftCommunityEvent",
            summary =
                    "Draft a community event (organisers, administrators); the caller organises it")
    @ResponseStatus(HttpStatus.CREATED)
    @ProblemResponses({422})
    @ResponseHeaders({
        "ETag",
        ApiHeaders.CONSISTENCY_TOKEN,
        "Location",
        ApiHeaders.IDEMPOTENT_REPLAYED
    })
    ResponseEntity<CommunityEventChange> draft(
            @AuthenticationPrincipal Caller caller,
            @IdempotencyKeyParameter
                    @RequestHeader(name = ApiHeaders.IDEMPOTENCY_KEY, required = false)
                    String idempotencyKey,
            @Valid @RequestBody CommunityEventRequests.Draft request) {
        Actor actor = actor(caller);
        return idempotency.once(
                caller,
                idempotencyKey,
                "POST /api/events",
                request,
                CommunityEventChange.class,
                () -> {
                    CommunityEventId id = new CommunityEventId(ids.get());
                    Outcome outcome =
                            commands.send(
                                    new CommunityEventCommands.Draft(
                                            id,
                                            actor,
                                            request.details(),
                                            request.schedule(),
                                            request.capacity()),
                                    id);
                    return CommunityEventChange.response(HttpStatus.CREATED, id, outcome);
                });
    }

    @PutMapping("/{id}/details")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(
            operationId = "changeCommunityEventDetails",
            summary = "Replace what the event is about and where (its organisers, administrators)")
    @ResponseHeaders
    @ProblemResponses({404, 409, 412})
    ResponseEntity<CommunityEventChange> changeDetails(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody CommunityEventRequests.ChangeDetails request) {
        return change(
                id,
                new CommunityEventCommands.ChangeDetails(
                        eventId(id), Versions.expected(ifMatch), actor(caller), request.details()));
    }

    @PostMapping("/{id}/publish")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(
            operationId = "publishCommunityEvent",
            summary =
                    "Publish a draft so members can RSVP (its organisers, administrators); it must start in the future")
    @ResponseHeaders
    @ProblemResponses({404, 409, 412, 422})
    ResponseEntity<CommunityEventChange> publish(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch) {
        return change(
                id,
                new CommunityEventCommands.Publish(
                        eventId(id), Versions.expected(ifMatch), actor(caller)));
    }

    @PutMapping("/{id}/schedule")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(
            operationId = "rescheduleCommunityEvent",
            summary =
                    "Move the event (its organisers, administrators); attendees' reminders move with it")
    @ResponseHeaders
    @ProblemResponses({404, 409, 412, 422})
    ResponseEntity<CommunityEventChange> reschedule(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody CommunityEventRequests.Reschedule request) {
        return change(
                id,
                new CommunityEventCommands.Reschedule(
                        eventId(id),
                        Versions.expected(ifMatch),
                        actor(caller),
                        request.schedule()));
    }

    @PutMapping("/{id}/capacity")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(
            operationId = "changeCommunityEventCapacity",
            summary =
                    "Change the number of seats (its organisers, administrators); freed seats go to the waiting list")
    @ResponseHeaders
    @ProblemResponses({404, 409, 412})
    ResponseEntity<CommunityEventChange> changeCapacity(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody CommunityEventRequests.ChangeCapacity request) {
        return change(
                id,
                new CommunityEventCommands.ChangeCapacity(
                        eventId(id),
                        Versions.expected(ifMatch),
                        actor(caller),
                        request.capacity()));
    }

    @PostMapping("/{id}/organizers")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(
            operationId = "addCommunityEventOrganizer",
            summary = "Make a user a co-organiser (its organisers, administrators)")
    @ResponseHeaders
    @ProblemResponses({404, 409, 412})
    ResponseEntity<CommunityEventChange> addOrganizer(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody CommunityEventRequests.AddOrganizer request) {
        return change(
                id,
                new CommunityEventCommands.AddCoOrganizer(
                        eventId(id),
                        Versions.expected(ifMatch),
                        actor(caller),
                        new UserId(request.userId())));
    }

    @PostMapping("/{id}/cancel")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(
            operationId = "cancelCommunityEvent",
            summary =
                    "Cancel the event for good (its organisers, administrators); pending reminders are dropped")
    @ResponseHeaders
    @ProblemResponses({404, 409, 412})
    ResponseEntity<CommunityEventChange> cancel(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody(required = false) CommunityEventRequests.Cancel request) {
        String reason = request == null ? null : request.reason();
        return change(
                id,
                new CommunityEventCommands.Cancel(
                        eventId(id), Versions.expected(ifMatch), actor(caller), reason));
    }

    @PostMapping("/{id}/rsvp")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(
            operationId = "rsvpToCommunityEvent",
            summary =
                    "RSVP yourself: a seat while there are seats, then the waiting list; RSVPing twice changes nothing")
    @ResponseHeaders
    @ProblemResponses({404, 409})
    ResponseEntity<CommunityEventChange> rsvp(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        CommunityEventId eventId = eventId(id);
        Commands.Reply<RsvpState> reply =
                commands.ask(new CommunityEventCommands.Rsvp(eventId, actor(caller).user()), id);
        return CommunityEventChange.response(
                HttpStatus.OK, eventId, reply.outcome(), reply.result());
    }

    @DeleteMapping("/{id}/rsvp")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(
            operationId = "cancelRsvpToCommunityEvent",
            summary =
                    "Give up your seat or your place on the waiting list; a freed seat goes to the first waiting")
    @ResponseHeaders
    @ProblemResponses({404, 409})
    ResponseEntity<CommunityEventChange> cancelRsvp(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return change(id, new CommunityEventCommands.CancelRsvp(eventId(id), actor(caller).user()));
    }

    @PostMapping("/{id}/check-ins")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(
            operationId = "checkInToCommunityEvent",
            summary = "Check in an attendee with a seat (its organisers, administrators)")
    @ResponseHeaders
    @ProblemResponses({404, 409})
    ResponseEntity<CommunityEventChange> checkIn(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @Valid @RequestBody CommunityEventRequests.CheckIn request) {
        return change(
                id,
                new CommunityEventCommands.CheckIn(
                        eventId(id), actor(caller), new UserId(request.userId())));
    }

    @PostMapping("/{id}/agenda")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(
            operationId = "openAgenda",
            summary =
                    "Open the event's agenda (its organisers, administrators); its rooms, slots and sessions follow "
                            + "under /api/events/{id}/agenda")
    @ResponseStatus(HttpStatus.CREATED)
    @ResponseHeaders({"ETag", ApiHeaders.CONSISTENCY_TOKEN, "Location"})
    @ProblemResponses({404, 409})
    ResponseEntity<CommunityEventChange> openAgenda(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        AgendaId agendaId = AgendaId.of(eventId(id));
        Outcome outcome =
                commands.send(
                        new CommunityEventCommands.OpenAgenda(eventId(id), actor(caller)),
                        agendaId);
        return outcome.respond(HttpStatus.CREATED)
                .location(URI.create("/api/events/" + id + "/agenda"))
                .body(
                        new CommunityEventChange(
                                agendaId.value(),
                                outcome.version(),
                                outcome.consistencyToken(),
                                null));
    }

    private ResponseEntity<CommunityEventChange> change(UUID id, Object command) {
        return CommunityEventChange.response(
                HttpStatus.OK, eventId(id), commands.send(command, id));
    }

    /**
     * Rules about events are rules about users: a caller who never registered has no standing yet.
     */
    private static Actor actor(Caller caller) {
        UUID user = caller.userId().orElseThrow(() -> new AccessDeniedException("Not registered"));
        return new Actor(new UserId(user), caller.has(Role.ADMIN));
    }

    private static CommunityEventId eventId(UUID id) {
        return new CommunityEventId(id);
    }
}
