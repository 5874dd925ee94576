package dev.aic.queryside.document;

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
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@Tag(name = "documents")
class DocumentQueryController {

    private static final String ANY_ROLE = "hasAnyRole('MEMBER', 'ORGANIZER', 'ADMIN', 'AUDITOR')";
    private static final String MINE = "owner=me;sort=-createdAt";

    private final Documents documents;
    private final DocumentStatusStreams streams;
    private final Cursors cursors;

    DocumentQueryController(Documents documents, DocumentStatusStreams streams, Cursors cursors) {
        this.documents = documents;
        this.streams = streams;
        this.cursors = cursors;
    }

    @GetMapping("/api/documents/{id}")
    @PreAuthorize(ANY_ROLE)
    @ReadModel(ProjectionNames.DOCUMENTS)
    @Operation(
            operationId = "getDocument",
            summary = "A document's metadata and how processing its current version stands",
            description =
                    "Found by its owner, administrators, auditors, and its audience: every member for PUBLIC and"
                            + " MEMBERS documents, the organisers and confirmed attendees of its community event for"
                            + " EVENT_ATTENDEES ones. Others get 404. The ETag is the document's version.")
    @ProblemResponses({404})
    @ResponseHeaders("ETag")
    ResponseEntity<DocumentView> get(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        DocumentView document = visible(caller, id);
        return ResponseEntity.ok().eTag(Versions.etag(document.version())).body(document);
    }

    @GetMapping(
            value = "/api/documents/{id}/status/stream",
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize(ANY_ROLE)
    @ReadModel(ProjectionNames.DOCUMENTS)
    @Operation(
            operationId = "streamDocumentStatus",
            summary = "Server-sent events of a document's processing status",
            description =
                    "An event named 'status' with the status as JSON at once and on every change; the stream"
                            + " ends once the current version is INDEXED or FAILED, when the document is deleted, or after"
                            + " ten minutes. Readable by whoever may read the document.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "the stream",
                            content =
                                    @Content(
                                            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                                            schema =
                                                    @Schema(
                                                            implementation =
                                                                    DocumentStatus.class))))
    @ProblemResponses({404, 429})
    SseEmitter statusStream(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        DocumentAudience audience = DocumentAudience.of(caller);
        visible(caller, id);
        return streams.open(
                caller.key(), id, () -> documents.find(id, audience).map(DocumentStatus::of));
    }

    @GetMapping("/api/documents")
    @PreAuthorize(ANY_ROLE)
    @ReadModel(ProjectionNames.DOCUMENTS)
    @Operation(
            operationId = "listMyDocuments",
            summary =
                    "Your documents, newest first, with their processing status,"
                            + " a page at a time",
            description = "Pass nextCursor back as cursor for the next page.")
    @ProblemResponses({404})
    DocumentPage mine(
            @AuthenticationPrincipal Caller caller,
            @Parameter(
                            description = "Whose documents: 'me', the only value for now",
                            required = true)
                    @RequestParam
                    @Pattern(regexp = "me", message = "must be 'me'")
                    String owner,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @Parameter(description = "nextCursor of the previous page")
                    @RequestParam(required = false)
                    @Size(max = Cursors.MAX_LENGTH)
                    String cursor) {
        UUID me = me(caller);
        List<String> after = cursors.resumeAfter(cursor, MINE, Cursors::instantThenId);
        List<DocumentView> page = documents.ofOwner(me, after, limit + 1);
        if (page.size() <= limit) {
            return new DocumentPage(page, null);
        }
        List<DocumentView> items = page.subList(0, limit);
        return new DocumentPage(
                List.copyOf(items), cursors.encode(MINE, Documents.keysOf(items.get(limit - 1))));
    }

    @GetMapping("/api/documents/processing-failures")
    @PreAuthorize("hasRole('ADMIN')")
    @ReadModel(ProjectionNames.DOCUMENTS)
    @Operation(
            operationId = "listDocumentProcessingFailures",
            summary =
                    "Documents whose current version could not"
                            + " be processed, the most recent failure first",
            description =
                    "For administrators. POST /api/documents/{id}/reprocess on the command-side retries one.")
    ProcessingFailures failures(@RequestParam(defaultValue = "50") @Min(1) @Max(100) int limit) {
        return new ProcessingFailures(documents.failures(limit));
    }

    private DocumentView visible(Caller caller, UUID id) {
        return documents
                .find(id, DocumentAudience.of(caller))
                .orElseThrow(() -> new DocumentNotFoundException(id));
    }

    private static UUID me(Caller caller) {
        if (caller.deactivated()) {
            throw new AccessDeniedException("Your account is deactivated");
        }
        return caller.userId().orElseThrow(NotRegisteredException::new);
    }
}
