package dev.aic.queryside.agenda;

import dev.aic.queryside.ProjectionNames;
import dev.aic.queryside.consistency.ReadModel;
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
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A community event's agenda: all of it or by day, room and track, a member's personal agenda (the
 * sessions they marked), both also as iCalendar, and the solves with their progress as Server-Sent
 * Events.
 */
@RestController
@RequestMapping("/api/events/{eventId}/agenda")
@Tag(name = "agendas")
class AgendaQueryController {

    private static final String ANY_ROLE = "hasAnyRole('MEMBER', 'ORGANIZER', 'ADMIN', 'AUDITOR')";
    private static final MediaType CALENDAR =
            MediaType.parseMediaType(AgendaCalendar.MEDIA_TYPE + ";charset=UTF-8");

    private final Agendas agendas;
    private final AgendaCalendar calendar;
    private final SolveProgressStreams streams;

    AgendaQueryController(Agendas agendas, AgendaCalendar calendar, SolveProgressStreams streams) {
        this.agendas = agendas;
        this.calendar = calendar;
        this.streams = streams;
    }

    @GetMapping
    @PreAuthorize(ANY_ROLE)
    @ReadModel(ProjectionNames.AGENDAS)
    @Operation(
            operationId = "getAgenda",
            summary = "A community event's agenda, all of it or one day, room or track",
            description =
                    "Published agendas are every member's; unpublished ones their organisers', administrators'"
                            + " and auditors' (others get 404). With day, roomId or track only the placed sessions that match,"
                            + " in time order. The ETag is the agenda's version.")
    @ProblemResponses({404})
    @ResponseHeaders("ETag")
    ResponseEntity<AgendaView> get(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID eventId,
            @Parameter(description = "Only this day, in the agenda's time zone (ISO 8601 date)")
                    @RequestParam(required = false)
                    LocalDate day,
            @Parameter(description = "Only this room") @RequestParam(required = false) UUID roomId,
            @Parameter(description = "Only this track")
                    @RequestParam(required = false)
                    @Size(max = 60)
                    String track) {
        AgendaView agenda = visible(caller, eventId).agenda();
        AgendaView chosen =
                day == null && roomId == null && track == null
                        ? agenda
                        : agenda.withSessions(
                                agenda.sessions().stream()
                                        .filter(AgendaView.SessionView::placed)
                                        .filter(onDay(agenda, day))
                                        .filter(s -> roomId == null || roomId.equals(s.roomId()))
                                        .filter(s -> track == null || track.equals(s.track()))
                                        .toList());
        return ResponseEntity.ok().eTag(Versions.etag(agenda.version())).body(chosen);
    }

    @GetMapping(value = "/calendar.ics", produces = AgendaCalendar.MEDIA_TYPE)
    @PreAuthorize(ANY_ROLE)
    @ReadModel(ProjectionNames.AGENDAS)
    @Operation(
            operationId = "getAgendaCalendar",
            summary = "The agenda's placed sessions as an iCalendar (RFC 5545) file",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "one VEVENT per placed session, UID <sessionId>@aic",
                            content =
                                    @Content(
                                            mediaType = AgendaCalendar.MEDIA_TYPE,
                                            schema = @Schema(type = "string"))))
    @ProblemResponses({404})
    ResponseEntity<String> calendar(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID eventId) {
        AgendaView agenda = visible(caller, eventId).agenda();
        return ResponseEntity.ok()
                .contentType(CALENDAR)
                .body(calendar.render(agenda, agenda.sessions()));
    }

    @GetMapping("/mine")
    @PreAuthorize(ANY_ROLE)
    @ReadModel(ProjectionNames.AGENDAS)
    @Operation(
            operationId = "getMyAgenda",
            summary = "Your personal agenda: the sessions you marked, in time order")
    @ProblemResponses({404})
    AgendaView mine(@AuthenticationPrincipal Caller caller, @PathVariable UUID eventId) {
        AgendaView agenda = visible(caller, eventId).agenda();
        return agenda.withSessions(agendas.markedBy(agenda.agendaId(), me(caller)));
    }

    @GetMapping(value = "/mine/calendar.ics", produces = AgendaCalendar.MEDIA_TYPE)
    @PreAuthorize(ANY_ROLE)
    @ReadModel(ProjectionNames.AGENDAS)
    @Operation(
            operationId = "getMyAgendaCalendar",
            summary = "Your personal agenda as an iCalendar (RFC 5545) file",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "one VEVENT per marked, placed session",
                            content =
                                    @Content(
                                            mediaType = AgendaCalendar.MEDIA_TYPE,
                                            schema = @Schema(type = "string"))))
    @ProblemResponses({404})
    ResponseEntity<String> myCalendar(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID eventId) {
        AgendaView agenda = visible(caller, eventId).agenda();
        return ResponseEntity.ok()
                .contentType(CALENDAR)
                .body(calendar.render(agenda, agendas.markedBy(agenda.agendaId(), me(caller))));
    }

    @GetMapping("/solves/{solveId}")
    @PreAuthorize(ANY_ROLE)
    @ReadModel(ProjectionNames.AGENDAS)
    @Operation(
            operationId = "getAgendaSolve",
            summary = "A solve: its best score so far, then its proposal explained",
            description =
                    "For the agenda's organisers, administrators and auditors; others get 403.")
    @ProblemResponses({404})
    SolveView solve(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID eventId,
            @PathVariable UUID solveId) {
        Agendas.Found found = solveReader(caller, eventId);
        return agendas.solve(found.agenda().agendaId(), solveId)
                .orElseThrow(() -> new AgendaNotFoundException("solve", solveId));
    }

    @GetMapping(value = "/solves/{solveId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize(ANY_ROLE)
    @ReadModel(ProjectionNames.AGENDAS)
    @Operation(
            operationId = "streamAgendaSolve",
            summary = "Server-sent events of a solve's progress",
            description =
                    "An event named 'solve' with the solve as JSON at once and on every change (each best score"
                            + " the ai-worker reports); the stream ends once the proposal arrived, or after ten minutes. A caller"
                            + " has at most four open (429 too-many-streams beyond).",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "the stream",
                            content =
                                    @Content(
                                            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                                            schema = @Schema(implementation = SolveView.class))))
    @ProblemResponses({404, 429})
    SseEmitter solveStream(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID eventId,
            @PathVariable UUID solveId) {
        UUID agendaId = solveReader(caller, eventId).agenda().agendaId();
        agendas.solve(agendaId, solveId)
                .orElseThrow(() -> new AgendaNotFoundException("solve", solveId));
        return streams.open(
                caller.key(), new SolveProgressStreams.Solve(agendaId, solveId), agendas);
    }

    private Agendas.Found visible(Caller caller, UUID eventId) {
        return agendas.ofEvent(eventId)
                .filter(found -> AgendaAccess.maySee(caller, found))
                .orElseThrow(
                        () -> new AgendaNotFoundException("agenda of community event", eventId));
    }

    private Agendas.Found solveReader(Caller caller, UUID eventId) {
        Agendas.Found found = visible(caller, eventId);
        if (!AgendaAccess.mayReadSolves(caller, found)) {
            throw new AccessDeniedException(
                    "Only the agenda's organisers, administrators and auditors see its solves");
        }
        return found;
    }

    private static Predicate<AgendaView.SessionView> onDay(AgendaView agenda, LocalDate day) {
        if (day == null) {
            return session -> true;
        }
        ZoneId zone = ZoneId.of(agenda.timeZone());
        return session -> session.startsAt().atZone(zone).toLocalDate().equals(day);
    }

    private static UUID me(Caller caller) {
        return caller.userId().orElseThrow(() -> new AccessDeniedException("Not registered"));
    }
}
