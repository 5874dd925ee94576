package dev.aic.queryside.rebuild;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Blue/green rebuilds of one projection. Starting, cancelling, comparing and forcing are for
 * administrators; the status is readable by every signed-in user, so that clients can tell a
 * rebuild runs and when it ended.
 */
@RestController
class RebuildController {

    private static final String PATH = "/api/admin/projections/{processor}/rebuild";

    private final Rebuilds rebuilds;

    RebuildController(Rebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @PostMapping(PATH)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            operationId = "startProjectionRebuild",
            summary =
                    "Rebuilds a projection from the event store beside the"
                            + " live one and swaps it in once caught up and found equal",
            description =
                    "force=true swaps even when the comparison with the live model finds differences.")
    RebuildStatus start(
            @PathVariable String processor, @RequestParam(defaultValue = "false") boolean force) {
        return rebuilds.start(processor, force);
    }

    @GetMapping(PATH)
    @PreAuthorize("hasAnyRole('MEMBER', 'ORGANIZER', 'ADMIN', 'AUDITOR')")
    @Operation(
            operationId = "getProjectionRebuild",
            summary =
                    "The projection's latest rebuild: state, events done"
                            + " of total, rate and estimated time left, and the comparison made at the swap")
    RebuildStatus status(@PathVariable String processor) {
        return rebuilds.status(processor);
    }

    @DeleteMapping(PATH)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            operationId = "cancelProjectionRebuild",
            summary = "Stops the running rebuild and drops what it built")
    RebuildStatus cancel(@PathVariable String processor) {
        return rebuilds.cancel(processor);
    }

    @PostMapping(PATH + "/swap")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            operationId = "forceProjectionSwap",
            summary = "Swaps the rebuilt model in although the comparison" + " found differences")
    RebuildStatus forceSwap(@PathVariable String processor) {
        return rebuilds.forceSwap(processor);
    }

    @GetMapping("/api/admin/projections/{processor}/compare")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            operationId = "compareProjectionRebuild",
            summary =
                    "The rebuilt model next to the live one: counts"
                            + " and checksums per table or index, and whether both stand at the same event")
    Comparison compare(@PathVariable String processor) {
        return rebuilds.compare(processor);
    }
}
