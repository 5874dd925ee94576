package dev.aic.commandside.agenda;

import dev.aic.commandside.web.Commands;
import dev.aic.contracts.agenda.AgendaId;
import dev.aic.contracts.agenda.Placement;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.user.Role;
import dev.aic.contracts.user.UserId;
import dev.aic.web.http.Versions;
import dev.aic.web.openapi.IfMatchParameter;
import dev.aic.web.openapi.ProblemResponses;
import dev.aic.web.openapi.ResponseHeaders;
import dev.aic.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import java.util.function.Function;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * A community event's agenda over REST ({@code AgendaController.http} shows every call). The agenda
 * is opened with {@code POST /api/events/{eventId}/agenda}; whether the caller organises it is the
 * aggregate's rule, answered with 403, and a change that breaks a hard rule is answered with 409
 * naming the rule and the session.
 */
@RestController
@RequestMapping("/api/events/{eventId}/agenda")
@Tag(name = "agendas")
class AgendaController {

    private static final String SIGNED_IN_MEMBER = "hasAnyRole('MEMBER','ORGANIZER','ADMIN')";

    private final Commands commands;
    private final Supplier<UUID> ids;

    AgendaController(Commands commands, Supplier<UUID> ids) {
        this.commands = commands;
        this.ids = ids;
    }

    @PostMapping("/rooms")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(operationId = "addAgendaRoom", summary = "Add a room: name, capacity, equipment")
    @ResponseHeaders
    @ProblemResponses({404, 409, 412, 422})
    ResponseEntity<AgendaChange> addRoom(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID eventId,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody AgendaRequests.DefineRoom request) {
        UUID roomId = ids.get();
        return change(
                HttpStatus.CREATED,
                eventId,
                roomId,
                agenda ->
                        new AgendaCommands.DefineRoom(
                                agenda,
                                Versions.expected(ifMatch),
                                organizer(caller),
                                request.room(roomId)));
    }

    @PutMapping("/rooms/{roomId}")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(
            operationId = "changeAgendaRoom",
            summary = "Change a room; refused if a placed session would no longer fit")
    @ResponseHeaders
    @ProblemResponses({404, 409, 412, 422})
    ResponseEntity<AgendaChange> changeRoom(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID eventId,
            @PathVariable UUID roomId,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody AgendaRequests.DefineRoom request) {
        return change(
                HttpStatus.OK,
                eventId,
                roomId,
                agenda ->
                        new AgendaCommands.DefineRoom(
                                agenda,
                                Versions.expected(ifMatch),
                                organizer(caller),
                                request.room(roomId)));
    }

    @PostMapping("/slots")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(
            operationId = "addAgendaSlot",
            summary = "Add a time slot and the rooms it is offered in")
    @ResponseHeaders
    @ProblemResponses({404, 409, 412, 422})
    ResponseEntity<AgendaChange> addSlot(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID eventId,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody AgendaRequests.DefineSlot request) {
        UUID slotId = ids.get();
        return change(
                HttpStatus.CREATED,
                eventId,
                slotId,
                agenda ->
                        new AgendaCommands.DefineSlot(
                                agenda,
                                Versions.expected(ifMatch),
                                organizer(caller),
                                request.slot(slotId)));
    }

    @PutMapping("/slots/{slotId}")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(
            operationId = "changeAgendaSlot",
            summary = "Change a slot; refused if a placed session would break a rule")
    @ResponseHeaders
    @ProblemResponses({404, 409, 412, 422})
    ResponseEntity<AgendaChange> changeSlot(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID eventId,
            @PathVariable UUID slotId,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody AgendaRequests.DefineSlot request) {
        return change(
                HttpStatus.OK,
                eventId,
                slotId,
                agenda ->
                        new AgendaCommands.DefineSlot(
                                agenda,
                                Versions.expected(ifMatch),
                                organizer(caller),
                                request.slot(slotId)));
    }

    @PostMapping("/sessions")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(
            operationId = "addAgendaSession",
            summary =
                    "Add a session: title, abstract, speakers (user ids), duration, track, tags, equipment, audience")
    @ResponseHeaders
    @ProblemResponses({404, 409, 412, 422})
    ResponseEntity<AgendaChange> addSession(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID eventId,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody AgendaRequests.DefineSession request) {
        UUID sessionId = ids.get();
        return change(
                HttpStatus.CREATED,
                eventId,
                sessionId,
                agenda ->
                        new AgendaCommands.DefineSession(
                                agenda,
                                Versions.expected(ifMatch),
                                organizer(caller),
                                request.session(sessionId)));
    }

    @PutMapping("/sessions/{sessionId}")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(
            operationId = "changeAgendaSession",
            summary = "Change a session; refused if its placement would break a rule")
    @ResponseHeaders
    @ProblemResponses({404, 409, 412, 422})
    ResponseEntity<AgendaChange> changeSession(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID eventId,
            @PathVariable UUID sessionId,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody AgendaRequests.DefineSession request) {
        return change(
                HttpStatus.OK,
                eventId,
                sessionId,
                agenda ->
                        new AgendaCommands.DefineSession(
                                agenda,
                                Versions.expected(ifMatch),
                                organizer(caller),
                                request.session(sessionId)));
    }

    @PutMapping("/speakers/{userId}/availability")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(
            operationId = "stateSpeakerAvailability",
            summary =
                    "State when a speaker is unavailable (hard) and prefers to speak (soft); the speaker or an organiser")
    @ResponseHeaders
    @ProblemResponses({404, 409, 412})
    ResponseEntity<AgendaChange> stateAvailability(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID eventId,
            @PathVariable UUID userId,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody AgendaRequests.StateAvailability request) {
        return change(
                HttpStatus.OK,
                eventId,
                null,
                agenda ->
                        new AgendaCommands.StateSpeakerAvailability(
                                agenda,
                                Versions.expected(ifMatch),
                                organizer(caller),
                                request.availability(userId)));
    }

    @PutMapping("/sessions/{sessionId}/placement")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(
            operationId = "placeAgendaSession",
            summary =
                    "Place a session in a slot and room, or move it there; 409 names the hard rule it would break")
    @ResponseHeaders
    @ProblemResponses({404, 409, 412})
    ResponseEntity<AgendaChange> place(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID eventId,
            @PathVariable UUID sessionId,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody AgendaRequests.Place request) {
        return change(
                HttpStatus.OK,
                eventId,
                null,
                agenda ->
                        new AgendaCommands.Place(
                                agenda,
                                Versions.expected(ifMatch),
                                organizer(caller),
                                new Placement(sessionId, request.slotId(), request.roomId())));
    }

    @DeleteMapping("/sessions/{sessionId}/placement")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(operationId = "unassignAgendaSession", summary = "Take a session out of its slot")
    @ResponseHeaders
    @ProblemResponses({404, 409, 412})
    ResponseEntity<AgendaChange> unassign(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID eventId,
            @PathVariable UUID sessionId,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch) {
        return change(
                HttpStatus.OK,
                eventId,
                null,
                agenda ->
                        new AgendaCommands.Unassign(
                                agenda, Versions.expected(ifMatch), organizer(caller), sessionId));
    }

    @PostMapping("/sessions/{sessionId}/lock")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(
            operationId = "lockAgendaSession",
            summary = "Lock a placed session: solves and proposals leave it be")
    @ResponseHeaders
    @ProblemResponses({404, 409, 412})
    ResponseEntity<AgendaChange> lock(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID eventId,
            @PathVariable UUID sessionId,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch) {
        return change(
                HttpStatus.OK,
                eventId,
                null,
                agenda ->
                        new AgendaCommands.Lock(
                                agenda, Versions.expected(ifMatch), organizer(caller), sessionId));
    }

    @DeleteMapping("/sessions/{sessionId}/lock")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(operationId = "unlockAgendaSession", summary = "Unlock a session")
    @ResponseHeaders
    @ProblemResponses({404, 409, 412})
    ResponseEntity<AgendaChange> unlock(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID eventId,
            @PathVariable UUID sessionId,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch) {
        return change(
                HttpStatus.OK,
                eventId,
                null,
                agenda ->
                        new AgendaCommands.Unlock(
                                agenda, Versions.expected(ifMatch), organizer(caller), sessionId));
    }

    @PostMapping("/publish")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(
            operationId = "publishAgenda",
            summary = "Publish the agenda; it may still change, every change an event")
    @ResponseHeaders
    @ProblemResponses({404, 409, 412})
    ResponseEntity<AgendaChange> publish(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID eventId,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch) {
        return change(
                HttpStatus.OK,
                eventId,
                null,
                agenda ->
                        new AgendaCommands.Publish(
                                agenda, Versions.expected(ifMatch), organizer(caller)));
    }

    @PutMapping("/sessions/{sessionId}/mark")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(operationId = "markAgendaSession", summary = "Put a session on your personal agenda")
    @ResponseHeaders
    @ProblemResponses({404, 409})
    ResponseEntity<AgendaChange> mark(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID eventId,
            @PathVariable UUID sessionId) {
        return change(
                HttpStatus.OK,
                eventId,
                null,
                agenda -> new AgendaCommands.Mark(agenda, sessionId, organizer(caller).user()));
    }

    @DeleteMapping("/sessions/{sessionId}/mark")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(
            operationId = "unmarkAgendaSession",
            summary = "Take a session off your personal agenda")
    @ResponseHeaders
    @ProblemResponses({404, 409})
    ResponseEntity<AgendaChange> unmark(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID eventId,
            @PathVariable UUID sessionId) {
        return change(
                HttpStatus.OK,
                eventId,
                null,
                agenda -> new AgendaCommands.Unmark(agenda, sessionId, organizer(caller).user()));
    }

    @PostMapping("/solves")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(
            operationId = "requestAgendaSolve",
            summary =
                    "Ask the ai-worker's solver for a proposal within a time budget; follow its progress on the query-side")
    @ResponseHeaders
    @ProblemResponses({404, 409, 412, 422})
    ResponseEntity<AgendaChange> requestSolve(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID eventId,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody AgendaRequests.RequestSolve request) {
        UUID solveId = ids.get();
        return change(
                HttpStatus.ACCEPTED,
                eventId,
                solveId,
                agenda ->
                        new AgendaCommands.RequestSolve(
                                agenda,
                                Versions.expected(ifMatch),
                                organizer(caller),
                                solveId,
                                request.timeBudgetSeconds()));
    }

    @PostMapping("/solves/{solveId}/accept")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(
            operationId = "acceptAgendaProposal",
            summary =
                    "Accept a solve's proposal: its placements become events; locked sessions stay")
    @ResponseHeaders
    @ProblemResponses({404, 409, 412})
    ResponseEntity<AgendaChange> accept(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID eventId,
            @PathVariable UUID solveId,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch) {
        return change(
                HttpStatus.OK,
                eventId,
                solveId,
                agenda ->
                        new AgendaCommands.AcceptProposal(
                                agenda, Versions.expected(ifMatch), organizer(caller), solveId));
    }

    @PostMapping("/solves/{solveId}/discard")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(operationId = "discardAgendaProposal", summary = "Discard a solve's proposal")
    @ResponseHeaders
    @ProblemResponses({404, 409, 412})
    ResponseEntity<AgendaChange> discard(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID eventId,
            @PathVariable UUID solveId,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch) {
        return change(
                HttpStatus.OK,
                eventId,
                solveId,
                agenda ->
                        new AgendaCommands.DiscardProposal(
                                agenda, Versions.expected(ifMatch), organizer(caller), solveId));
    }

    private ResponseEntity<AgendaChange> change(
            HttpStatus status, UUID eventId, UUID createdId, Function<AgendaId, Object> command) {
        AgendaId agendaId = AgendaId.of(new CommunityEventId(eventId));
        return AgendaChange.response(
                status, agendaId, commands.send(command.apply(agendaId), agendaId), createdId);
    }

    /**
     * Rules about agendas are rules about users: a caller who never registered has no standing yet.
     */
    private static Organizer organizer(Caller caller) {
        UUID user = caller.userId().orElseThrow(() -> new AccessDeniedException("Not registered"));
        return new Organizer(new UserId(user), caller.has(Role.ADMIN));
    }
}
