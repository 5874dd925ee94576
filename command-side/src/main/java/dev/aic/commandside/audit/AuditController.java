package dev.aic.commandside.audit;

import dev.aic.web.openapi.ProblemResponses;
import dev.aic.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The auditor's view of the event store: who changed what, when and why; any entity as it was; the
 * proof that history was not altered. Read-only for auditors and administrators, but for the
 * chain's repair, which only an administrator may run.
 */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "audit")
class AuditController {

    static final String NDJSON = "application/x-ndjson";
    private static final String AUDITORS = "hasAnyRole('AUDITOR','ADMIN')";

    private final EntityHistory history;
    private final EntityStates states;
    private final EventExport export;
    private final DataSource dataSource;

    AuditController(
            EntityHistory history, EntityStates states, EventExport export, DataSource dataSource) {
        this.history = history;
        this.states = states;
        this.export = export;
        this.dataSource = dataSource;
    }

    @GetMapping("/entities/{aggregateId}/events")
    @PreAuthorize(AUDITORS)
    @Operation(
            operationId = "auditEntityHistory",
            summary =
                    "An entity's events in sequence order, with payload and "
                            + "attribution metadata (auditors, administrators)")
    @ProblemResponses({400, 404})
    EventPage entityHistory(
            @PathVariable @Size(max = 255) String aggregateId,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) String cursor) {
        return history.page(aggregateId, cursor, limit);
    }

    @GetMapping("/entities/{aggregateId}/state")
    @PreAuthorize(AUDITORS)
    @Operation(
            operationId = "auditEntityState",
            summary =
                    "An entity as it was at an instant or after one of its "
                            + "events, rebuilt from its events with today's code (auditors, administrators); give exactly one of "
                            + "'at' and 'sequence'")
    @ProblemResponses({400, 404})
    EntityState entityState(
            @PathVariable @Size(max = 255) String aggregateId,
            @Schema(
                            description =
                                    "ISO-8601 instant: the state after the last event stored at or before it")
                    @RequestParam(required = false)
                    Instant at,
            @Schema(description = "Sequence number: the state right after that event")
                    @RequestParam(required = false)
                    @Min(0)
                    Long sequence) {
        if ((at == null) == (sequence == null)) {
            throw new InvalidAuditRequestException(
                    at == null ? "at" : "sequence", "give exactly one of 'at' and 'sequence'");
        }
        if (at != null) {
            return states.after(aggregateId, event -> !event.getTimestamp().isAfter(at))
                    .orElseThrow(
                            () ->
                                    new EntityNotFoundException(
                                            aggregateId + " did not exist yet at " + at));
        }
        return states.after(aggregateId, event -> event.getSequenceNumber() <= sequence)
                .filter(state -> state.sequenceNumber() == sequence)
                .orElseThrow(
                        () ->
                                new EntityNotFoundException(
                                        aggregateId + " has no event " + sequence));
    }

    @GetMapping(
            path = "/events",
            produces = {NDJSON, MediaType.APPLICATION_JSON_VALUE})
    @PreAuthorize(AUDITORS)
    @Operation(
            operationId = "auditExportEvents",
            summary =
                    "Every stored event, or those matching the filters, in "
                            + "global index order as JSON lines, streamed (auditors, administrators)")
    @ProblemResponses({400})
    ResponseEntity<StreamingResponseBody> exportEvents(
            @Schema(description = "stored at or after this instant") @RequestParam(required = false)
                    Instant from,
            @Schema(description = "stored before this instant") @RequestParam(required = false)
                    Instant to,
            @Schema(description = "event type, class or simple name, e.g. Registered")
                    @RequestParam(required = false)
                    @Size(max = 255)
                    String type,
            @Schema(description = "entity type, e.g. User, CommunityEvent, Document")
                    @RequestParam(required = false)
                    @Size(max = 255)
                    String aggregateType,
            @Schema(description = "who caused it: a platform user id or <issuer>#<subject>")
                    @RequestParam(required = false)
                    @Size(max = 512)
                    String actor,
            @RequestParam(required = false) @Size(max = 255) String correlationId) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidAuditRequestException("to", "must be after 'from'");
        }
        EventExport.Filter filter =
                new EventExport.Filter(from, to, type, aggregateType, actor, correlationId);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(NDJSON))
                .body(out -> export.write(filter, out));
    }

    @GetMapping("/chain/verify")
    @PreAuthorize(AUDITORS)
    @Operation(
            operationId = "auditVerifyChain",
            summary =
                    "Rehash the audit chain over a range of global indexes "
                            + "and report the first event whose bytes or order changed (auditors, administrators)")
    @ProblemResponses({400})
    VerificationReport verifyChain(
            @RequestParam(required = false) @Min(0) Long from,
            @RequestParam(required = false) @Min(0) Long to,
            @Schema(
                            description =
                                    "<seq>:<hash> of a link recorded earlier outside the database (a report's head): "
                                            + "the chain must still have it")
                    @RequestParam(required = false)
                    @Size(max = 100)
                    String anchor) {
        if (from != null && to != null && from > to) {
            throw new InvalidAuditRequestException("to", "must not be before 'from'");
        }
        ChainVerifier.Anchor expected;
        try {
            expected = anchor == null ? null : ChainVerifier.Anchor.parse(anchor);
        } catch (IllegalArgumentException e) {
            throw new InvalidAuditRequestException("anchor", e.getMessage());
        }
        try (Connection connection = dataSource.getConnection()) {
            return new ChainVerifier().verify(connection, from, to, expected);
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Could not verify the audit chain", e);
        }
    }

    /** Why an administrator repairs the chain: kept with the repair for the auditors. */
    record ChainRepairRequest(@NotBlank @Size(max = 2000) String reason) {}

    @PostMapping("/chain/repair")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            operationId = "auditRepairChain",
            summary =
                    "Seal the events the sealer skipped (NEVER_SEALED) at the "
                            + "chain's end and record the repair with its caller and reason; tampered events are never touched "
                            + "(administrators)")
    @ProblemResponses({400})
    ChainRepair.RepairOutcome repairChain(
            @RequestBody @Valid ChainRepairRequest request,
            @AuthenticationPrincipal Caller caller) {
        try (Connection connection = dataSource.getConnection()) {
            return new ChainRepair()
                    .repair(connection, caller.issuer() + "#" + caller.subject(), request.reason());
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Could not repair the audit chain", e);
        }
    }
}
