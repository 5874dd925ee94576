package dev.aic.queryside.projection;

import dev.aic.queryside.web.Cursors;
import dev.aic.web.openapi.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/admin/projections")
@Tag(name = "projections")
class ProjectionAdminController {

    private final ProjectionStatuses statuses;
    private final DeadLetters deadLetters;

    ProjectionAdminController(ProjectionStatuses statuses, DeadLetters deadLetters) {
        this.statuses = statuses;
        this.deadLetters = deadLetters;
    }

    @GetMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            operationId = "listProjections",
            summary = "Every projection: position, lag, status and dead letters",
            description =
                    "Positions and lag come from the token store, shared by every instance; statuses from the"
                            + " instance that answers (NOT_CLAIMED_HERE for segments another instance holds).")
    List<ProjectionView> list() {
        return statuses.all();
    }

    @GetMapping("/{processor}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            operationId = "getProjection",
            summary = "One projection: position, lag, status and dead letters")
    @ProblemResponses({404})
    ProjectionView get(@PathVariable @Size(max = 255) String processor) {
        return statuses.one(processor).orElseThrow(() -> new UnknownProjectionException(processor));
    }

    @GetMapping("/{processor}/dead-letters")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            operationId = "listDeadLetters",
            summary = "A projection's parked events, by sequence and order in it",
            description =
                    "Pass nextCursor back as cursor, with the same sequence filter, for the next page.")
    @ProblemResponses({404})
    DeadLetterPage listDeadLetters(
            @PathVariable @Size(max = 255) String processor,
            @Parameter(description = "Only this sequence (an aggregate id)")
                    @RequestParam(required = false)
                    @Size(min = 1, max = 255)
                    String sequence,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
            @Parameter(description = "nextCursor of the previous page")
                    @RequestParam(required = false)
                    @Size(max = Cursors.MAX_LENGTH)
                    String cursor) {
        return deadLetters.list(processor, sequence, limit, cursor);
    }

    @GetMapping("/{processor}/dead-letters/{letterId}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            operationId = "getDeadLetter",
            summary = "One parked event with its payload and metadata")
    @ProblemResponses({404})
    DeadLetterDetail getDeadLetter(
            @PathVariable @Size(max = 255) String processor, @PathVariable UUID letterId) {
        return deadLetters.inspect(processor, letterId.toString());
    }

    @PostMapping("/{processor}/dead-letters/retry")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            operationId = "retryDeadLetters",
            summary = "Retry every parked sequence of a projection, once each",
            description =
                    "Letters that fail again stay parked with the new cause and one more retry counted.")
    @ProblemResponses({404})
    RetryOutcome retryAll(@PathVariable @Size(max = 255) String processor) {
        return deadLetters.retryAll(processor);
    }

    @PostMapping("/{processor}/dead-letters/sequences/{sequenceId}/retry")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            operationId = "retryDeadLetterSequence",
            summary = "Retry one parked sequence, its letters in order",
            description =
                    "Stops at the first letter that fails again; it and the letters after it stay parked.")
    @ProblemResponses({404})
    RetryOutcome retrySequence(
            @PathVariable @Size(max = 255) String processor,
            @PathVariable @Size(max = 255) String sequenceId) {
        return deadLetters.retrySequence(processor, sequenceId);
    }

    @DeleteMapping("/{processor}/dead-letters/{letterId}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            operationId = "evictDeadLetter",
            summary = "Drop one parked event for good",
            description =
                    "The projection will never reflect it; the letters after it in its sequence stay parked.")
    @ProblemResponses({404})
    ResponseEntity<Void> evictLetter(
            @PathVariable @Size(max = 255) String processor, @PathVariable UUID letterId) {
        deadLetters.evictLetter(processor, letterId.toString());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{processor}/dead-letters/sequences/{sequenceId}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            operationId = "evictDeadLetterSequence",
            summary = "Drop every parked event of one sequence for good",
            description = "The aggregate's later events are handled as they come again.")
    @ProblemResponses({404})
    ResponseEntity<Void> evictSequence(
            @PathVariable @Size(max = 255) String processor,
            @PathVariable @Size(max = 255) String sequenceId) {
        deadLetters.evictSequence(processor, sequenceId);
        return ResponseEntity.noContent().build();
    }
}
