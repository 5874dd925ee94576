package dev.aic.queryside.document;

import dev.aic.content.ContentReader;
import dev.aic.content.ContentStore;
import dev.aic.queryside.ProjectionNames;
import dev.aic.queryside.consistency.ReadModel;
import dev.aic.web.openapi.ProblemResponses;
import dev.aic.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A document's original bytes, streamed from the content store through this service (never a
 * redirect to the store: see docs/knowledge-hub.md, "Opening the source"), to whoever {@link
 * DocumentAudience} lets read the document. The browser keeps the bytes for the reader only ({@code
 * private}) and asks again each time ({@code no-cache}, answered 304 while they are the same), so a
 * reader who loses access gets 404.
 */
@RestController
@Tag(name = "documents")
class DocumentContentController {

    private static final String ANY_ROLE = "hasAnyRole('MEMBER', 'ORGANIZER', 'ADMIN', 'AUDITOR')";
    private final Documents documents;
    private final ContentReader store;

    DocumentContentController(Documents documents, ContentReader store) {
        this.documents = documents;
        this.store = store;
    }

    @GetMapping("/api/documents/{id}/content")
    @PreAuthorize(ANY_ROLE)
    @ReadModel(ProjectionNames.DOCUMENTS)
    @Operation(
            operationId = "getDocumentContent",
            summary = "The original bytes of a document's version",
            description =
                    "For whoever may read the document (as GET /api/documents/{id}); 404 otherwise. The"
                            + " current version unless version says which. PDFs, plain text and images open inline, every"
                            + " other type (HTML, SVG, XML, Office files...) as an attachment; every answer carries nosniff"
                            + " and a Content-Security-Policy, a sandbox for all but PDFs. The ETag is the SHA-256 of the"
                            + " bytes (If-None-Match:"
                            + " 304). One byte range per request (Range: bytes=first-last, 206); a range starting past the"
                            + " end or malformed is 416; several ranges, or another unit, get the whole content.",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "the whole content, in its stored type",
                        content =
                                @Content(
                                        mediaType = "*/*",
                                        schema = @Schema(type = "string", format = "binary")),
                        headers = {
                            @Header(
                                    name = HttpHeaders.ETAG,
                                    description = "the SHA-256 of the bytes, quoted"),
                            @Header(
                                    name = HttpHeaders.CONTENT_DISPOSITION,
                                    description =
                                            "inline or attachment, with filename and filename* (RFC 6266)"),
                            @Header(name = HttpHeaders.ACCEPT_RANGES, description = "bytes")
                        }),
                @ApiResponse(
                        responseCode = "206",
                        description = "the requested range",
                        content =
                                @Content(
                                        mediaType = "*/*",
                                        schema = @Schema(type = "string", format = "binary")),
                        headers = {
                            @Header(
                                    name = HttpHeaders.CONTENT_RANGE,
                                    description = "bytes first-last/size"),
                            @Header(
                                    name = HttpHeaders.ETAG,
                                    description = "the SHA-256 of the bytes, quoted")
                        }),
                @ApiResponse(
                        responseCode = "304",
                        description = "If-None-Match names the content's ETag",
                        content = @Content),
                @ApiResponse(
                        responseCode = "416",
                        description = "a malformed range, or one starting past the end",
                        content =
                                @Content(
                                        mediaType = "application/problem+json",
                                        schema = @Schema(ref = "#/components/schemas/Problem")),
                        headers =
                                @Header(
                                        name = HttpHeaders.CONTENT_RANGE,
                                        description = "bytes */size"))
            })
    @ProblemResponses({404, 416})
    ResponseEntity<Resource> content(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @Parameter(description = "The content version; the current one by default")
                    @RequestParam(required = false)
                    @Min(1)
                    Integer version,
            @Parameter(description = "One range: bytes=first-last, bytes=first- or bytes=-suffix")
                    @RequestHeader(name = HttpHeaders.RANGE, required = false)
                    String range,
            @Parameter(description = "Serve the range only if the content still has this ETag")
                    @RequestHeader(name = HttpHeaders.IF_RANGE, required = false)
                    String ifRange,
            @Parameter(description = "ETags the client holds: 304 when the content has one of them")
                    @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false)
                    String ifNoneMatch) {
        DocumentView document =
                documents
                        .find(id, DocumentAudience.of(caller))
                        .orElseThrow(() -> new DocumentNotFoundException(id));
        int wanted = version == null ? document.currentVersion() : version;
        StoredContent content =
                documents
                        .content(id, wanted)
                        .orElseThrow(() -> new DocumentNotFoundException(id, wanted));
        String etag = "\"" + content.sha256() + "\"";
        if (held(ifNoneMatch, etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .eTag(etag)
                    .cacheControl(CacheControl.noCache().cachePrivate())
                    .build();
        }
        MediaType type = SafeDownload.mediaType(content.contentType());
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type);
        headers.setETag(etag);
        headers.setCacheControl(CacheControl.noCache().cachePrivate());
        headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");
        headers.set(
                HttpHeaders.CONTENT_DISPOSITION,
                SafeDownload.contentDisposition(
                        type,
                        content.originalFilename(),
                        "document-" + id + "-v" + content.version()));
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Content-Security-Policy", SafeDownload.contentSecurityPolicy(type));
        // a range of other bytes than the client holds would corrupt its copy: If-Range guards that
        Optional<ByteRange> part =
                ifRange == null || ifRange.strip().equals(etag)
                        ? ByteRange.of(range, content.sizeBytes())
                        : Optional.empty();
        if (part.isEmpty()) {
            headers.setContentLength(content.sizeBytes());
            return new ResponseEntity<>(
                    new InputStreamResource(open(content, null)), headers, HttpStatus.OK);
        }
        ByteRange bytes = part.get();
        headers.setContentLength(bytes.length());
        headers.set(HttpHeaders.CONTENT_RANGE, bytes.contentRange(content.sizeBytes()));
        return new ResponseEntity<>(
                new InputStreamResource(open(content, bytes)), headers, HttpStatus.PARTIAL_CONTENT);
    }

    /**
     * Whether {@code If-None-Match} names the ETag (weak comparison, RFC 9110 §13.1.2) or is {@code
     * *}.
     */
    static boolean held(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String held = tag.strip();
            if (held.equals("*") || held.equals(etag) || held.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private InputStream open(StoredContent content, ByteRange bytes) {
        try {
            return bytes == null
                    ? store.get(content.storageKey())
                    : store.get(content.storageKey(), bytes.first(), bytes.length());
        } catch (ContentStore.NoSuchContentException e) {
            // deleted between reading the read model and the store: as the document is, gone
            throw new DocumentNotFoundException(content.documentId(), content.version());
        }
    }
}
