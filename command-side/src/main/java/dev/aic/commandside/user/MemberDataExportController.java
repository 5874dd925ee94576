package dev.aic.commandside.user;

import dev.aic.contracts.user.UserId;
import dev.aic.web.openapi.ProblemResponses;
import dev.aic.web.problem.Problems;
import dev.aic.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Export my data" (right of access and portability), as a job the member starts, watches and
 * collects.
 */
@RestController
@Tag(name = "me")
class MemberDataExportController {

    private final MemberExports exports;

    MemberDataExportController(MemberExports exports) {
        this.exports = exports;
    }

    @PostMapping("/api/me/exports")
    @PreAuthorize("isAuthenticated()")
    @Operation(
            operationId = "exportMyData",
            summary =
                    "Start building everything the platform holds about you"
                            + " (one export at a time; the one under way is answered while it runs)")
    @ApiResponse(
            responseCode = "202",
            description = "The export job; follow Location for its progress",
            content = @Content(schema = @Schema(implementation = MemberExports.Job.class)))
    @ProblemResponses({404, 429, 503})
    ResponseEntity<MemberExports.Job> start(@AuthenticationPrincipal Caller caller) {
        MemberExports.Job job = exports.request(member(caller));
        return ResponseEntity.accepted()
                .location(URI.create("/api/me/exports/" + job.id()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(job);
    }

    @GetMapping("/api/me/exports/{id}")
    @PreAuthorize("isAuthenticated()")
    @Operation(
            operationId = "getMyDataExport",
            summary =
                    "An export job of yours: its status and progress;"
                            + " when READY, its archive is at …/archive")
    @ProblemResponses({404})
    ResponseEntity<MemberExports.Job> job(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return exports.find(member(caller), id)
                .map(
                        job ->
                                ResponseEntity.ok()
                                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                                        .body(job))
                .orElseThrow(() -> noSuchExport(id));
    }

    @GetMapping(path = "/api/me/exports/{id}/archive", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("isAuthenticated()")
    @Operation(
            operationId = "downloadMyDataExport",
            summary =
                    "The archive of a READY export: everything the platform holds about you, as one JSON document")
    @ApiResponse(
            responseCode = "200",
            description = "The archive",
            content = @Content(schema = @Schema(implementation = MemberDataArchive.class)))
    @ProblemResponses({404})
    ResponseEntity<byte[]> archive(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        UserId member = member(caller);
        byte[] archive = exports.archive(member, id).orElseThrow(() -> noSuchExport(id));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("aic-member-data-" + member + ".json")
                                .build()
                                .toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(archive);
    }

    private static UserId member(Caller caller) {
        return new UserId(caller.userId().orElseThrow(NotRegisteredException::new));
    }

    private static ErrorResponseException noSuchExport(UUID id) {
        return new ErrorResponseException(
                HttpStatus.NOT_FOUND,
                Problems.of(
                        HttpStatus.NOT_FOUND,
                        "not-found",
                        "No such export",
                        "You have no ready export "
                                + id
                                + " (it may still run, or be past its day)"),
                null);
    }
}
