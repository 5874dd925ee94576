package dev.aic.commandside.document;

import dev.aic.commandside.web.Commands;
import dev.aic.commandside.web.Outcome;
import dev.aic.content.ContentStore;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.document.DocumentVisibility;
import dev.aic.contracts.user.Role;
import dev.aic.contracts.user.UserId;
import dev.aic.web.http.Versions;
import dev.aic.web.openapi.IfMatchParameter;
import dev.aic.web.openapi.ProblemResponses;
import dev.aic.web.openapi.ResponseHeaders;
import dev.aic.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Documents over REST. The content is received (hashed, typed) and written to the content store
 * before the command is sent, so the event never names bytes that are not stored; when the command
 * is refused the content is removed again. An identical re-upload by the same member stores nothing
 * and answers the document that already holds those bytes, which also makes a retried upload safe
 * without an {@code Idempotency-Key}.
 */
@RestController
@RequestMapping("/api/documents")
@Tag(name = "documents")
class DocumentController {

    private static final Logger log = LoggerFactory.getLogger(DocumentController.class);
    private static final String SIGNED_IN_MEMBER = "hasAnyRole('MEMBER','ORGANIZER','ADMIN')";

    private final Commands commands;
    private final ContentStore store;
    private final ContentTypes contentTypes;
    private final DocumentHashes hashes;
    private final DocumentProperties properties;
    private final Supplier<UUID> ids;

    DocumentController(
            Commands commands,
            ContentStore store,
            ContentTypes contentTypes,
            DocumentHashes hashes,
            DocumentProperties properties,
            Supplier<UUID> ids) {
        this.commands = commands;
        this.store = store;
        this.contentTypes = contentTypes;
        this.hashes = hashes;
        this.properties = properties;
        this.ids = ids;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(
            operationId = "uploadDocument",
            summary =
                    "Upload a document or image (members); its type is "
                            + "detected from the bytes. Re-uploading the same bytes answers 200 with the document you already have")
    @ResponseStatus(HttpStatus.CREATED)
    @ApiResponse(
            responseCode = "200",
            description = "You had already uploaded these bytes: that document (duplicate: true)",
            content = @Content(schema = @Schema(implementation = DocumentChange.class)))
    @ProblemResponses({413, 415})
    @ResponseHeaders
    ResponseEntity<DocumentChange> upload(
            @AuthenticationPrincipal Caller caller,
            @RequestPart("file") MultipartFile file,
            @RequestParam("title") @NotBlank @Size(max = 200) String title,
            @RequestParam(name = "tags", required = false) @Size(max = 20)
                    List<@NotBlank @Size(max = 50) String> tags,
            @RequestParam("visibility") DocumentVisibility visibility,
            @Schema(description = "required for EVENT_ATTENDEES, and only then")
                    @RequestParam(name = "communityEventId", required = false)
                    UUID communityEventId) {
        UserId owner = actor(caller).user();
        // before the content is received: a refused audience costs no write
        var audience =
                new DocumentCommands.Audience(
                        visibility,
                        communityEventId == null ? null : new CommunityEventId(communityEventId));
        try (ReceivedContent content = receive(file)) {
            Optional<DocumentId> existing = hashes.holder(owner, content.sha256());
            if (existing.isPresent()) {
                return duplicate(existing.get(), content);
            }
            DocumentId id = new DocumentId(ids.get());
            DocumentCommands.Content stored = store(id, content);
            try {
                Outcome outcome =
                        commands.send(
                                new DocumentCommands.Upload(
                                        id,
                                        owner,
                                        title,
                                        tags == null ? List.of() : tags,
                                        audience,
                                        stored),
                                id);
                return DocumentChange.response(HttpStatus.CREATED, id, outcome, 1, content, false);
            } catch (DocumentRuleViolation e) {
                store.delete(stored.storageKey());
                if (e.kind() == DocumentRuleViolation.Kind.DUPLICATE) {
                    // lost a race with the same member's concurrent upload of the same bytes
                    return duplicate(e.document(), content);
                }
                throw e;
            } catch (RuntimeException e) {
                store.delete(stored.storageKey());
                throw e;
            }
        }
    }

    @PutMapping(path = "/{id}/content", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(
            operationId = "replaceDocumentContent",
            summary =
                    "Upload a new version of the content (its owner, "
                            + "administrators); the same bytes as the current version change nothing")
    @ProblemResponses({404, 409, 412, 413, 415})
    @ResponseHeaders
    ResponseEntity<DocumentChange> replaceContent(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @RequestPart("file") MultipartFile file) {
        DocumentCommands.Actor actor = actor(caller);
        DocumentId documentId = new DocumentId(id);
        // the aggregate decides, but only after the content is stored: someone else's document
        // costs no write
        hashes.owner(documentId)
                .filter(owner -> !actor.admin() && !owner.equals(actor.user()))
                .ifPresent(
                        owner -> {
                            throw new AccessDeniedException(
                                    "Only the document's owner or an administrator may replace its content");
                        });
        try (ReceivedContent content = receive(file)) {
            DocumentCommands.Content stored = store(documentId, content);
            try {
                Commands.Reply<DocumentCommands.Replaced> reply =
                        commands.ask(
                                new DocumentCommands.AddVersion(
                                        documentId, Versions.expected(ifMatch), actor, stored),
                                id);
                if (!reply.result().added()) {
                    // the current version already has these bytes: nothing new to keep
                    store.delete(stored.storageKey());
                }
                return DocumentChange.response(
                        HttpStatus.OK,
                        documentId,
                        reply.outcome(),
                        reply.result().contentVersion(),
                        content,
                        false);
            } catch (RuntimeException e) {
                store.delete(stored.storageKey());
                throw e;
            }
        }
    }

    @DeleteMapping("/{id}")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(
            operationId = "deleteDocument",
            summary =
                    "Delete a document and the content of all its versions "
                            + "(its owner, administrators); deleting twice changes nothing")
    @ProblemResponses({404, 412})
    @ResponseHeaders
    ResponseEntity<DocumentChange> delete(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch) {
        DocumentId documentId = new DocumentId(id);
        Commands.Reply<List<String>> reply =
                commands.ask(
                        new DocumentCommands.Delete(
                                documentId, Versions.expected(ifMatch), actor(caller)),
                        id);
        // only once the event is stored; a failure here leaves bytes that a repeated DELETE removes
        for (String key : reply.result()) {
            try {
                store.delete(key);
            } catch (RuntimeException e) {
                log.warn(
                        "Document {} is deleted but its content {} could not be removed yet",
                        documentId,
                        key,
                        e);
            }
        }
        return DocumentChange.response(
                HttpStatus.OK, documentId, reply.outcome(), null, null, false);
    }

    @PostMapping("/{id}/reprocess")
    @PreAuthorize(SIGNED_IN_MEMBER)
    @Operation(
            operationId = "reprocessDocument",
            summary =
                    "Process the current version again (its owner, "
                            + "administrators), after its processing failed or while it has not completed")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ProblemResponses({404, 409, 412})
    @ResponseHeaders
    ResponseEntity<DocumentChange> reprocess(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @IfMatchParameter @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch) {
        DocumentId documentId = new DocumentId(id);
        Outcome outcome =
                commands.send(
                        new DocumentCommands.Reprocess(
                                documentId, Versions.expected(ifMatch), actor(caller)),
                        id);
        return DocumentChange.response(HttpStatus.ACCEPTED, documentId, outcome, null, null, false);
    }

    private ReceivedContent receive(MultipartFile file) {
        return ReceivedContent.receive(file, properties.maxBytes().toBytes(), contentTypes);
    }

    private DocumentCommands.Content store(DocumentId id, ReceivedContent content) {
        String key = "documents/" + id + "/" + ids.get();
        store.put(key, content.file(), content.contentType());
        return new DocumentCommands.Content(
                key,
                content.contentType(),
                content.sizeBytes(),
                content.sha256(),
                content.originalFilename());
    }

    private ResponseEntity<DocumentChange> duplicate(DocumentId existing, ReceivedContent content) {
        return DocumentChange.response(
                HttpStatus.OK, existing, commands.latest(existing), null, content, true);
    }

    /** A caller who never registered owns nothing yet. */
    private static DocumentCommands.Actor actor(Caller caller) {
        UUID user = caller.userId().orElseThrow(() -> new AccessDeniedException("Not registered"));
        return new DocumentCommands.Actor(new UserId(user), caller.has(Role.ADMIN));
    }
}
