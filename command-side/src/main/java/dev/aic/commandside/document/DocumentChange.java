package dev.aic.commandside.document;

import dev.aic.commandside.web.Outcome;
import dev.aic.contracts.document.DocumentId;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * What every document command answers: which document, its new version (also the {@code ETag}), the
 * consistency token and, for uploads and replacements, what the content turned out to be.
 */
record DocumentChange(
        UUID id,
        long version,
        @Schema(description = "send as Consistency-Token to a query to read this change")
                String consistencyToken,
        @Schema(
                        description =
                                "the content version now current (1 for an upload); absent on a duplicate or a deletion")
                Integer contentVersion,
        @Schema(description = "detected from the bytes, not taken from the request")
                String contentType,
        Long sizeBytes,
        @Schema(description = "SHA-256 of the bytes, lower-case hex") String sha256,
        @Schema(
                        description =
                                "true when you had already uploaded these very bytes: this is that document, nothing new was stored")
                boolean duplicate) {

    static ResponseEntity<DocumentChange> response(
            HttpStatus status,
            DocumentId id,
            Outcome outcome,
            Integer contentVersion,
            ReceivedContent content,
            boolean duplicate) {
        return outcome.respond(status)
                .location(URI.create("/api/documents/" + id))
                .body(
                        new DocumentChange(
                                id.value(),
                                outcome.version(),
                                outcome.consistencyToken(),
                                contentVersion,
                                content == null ? null : content.contentType(),
                                content == null ? null : content.sizeBytes(),
                                content == null ? null : content.sha256(),
                                duplicate));
    }
}
