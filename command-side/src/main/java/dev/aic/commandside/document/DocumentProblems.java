package dev.aic.commandside.document;

import dev.aic.web.problem.FieldError;
import dev.aic.web.problem.Problems;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/** The problems of uploads and documents; everything generic is platform-web's. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DocumentProblems {

    private final DocumentProperties properties;

    DocumentProblems(DocumentProperties properties) {
        this.properties = properties;
    }

    @ExceptionHandler(UploadRefusedException.class)
    ProblemDetail refused(UploadRefusedException e) {
        return switch (e.reason()) {
            case EMPTY -> Problems.of(HttpStatus.BAD_REQUEST, "empty-file", "Empty file", e.getMessage());
            case TOO_LARGE -> tooLarge();
            case UNSUPPORTED_CONTENT_TYPE -> {
                ProblemDetail problem = Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-content-type",
                        "Unsupported content type", e.getMessage());
                problem.setProperty("detectedType", e.detectedType());
                yield problem;
            }
        };
    }

    /** The servlet container's own multipart limits (file and request size). */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ProblemDetail containerLimit(MaxUploadSizeExceededException e) {
        return tooLarge();
    }

    @ExceptionHandler(DocumentRuleViolation.class)
    ProblemDetail ruleViolated(DocumentRuleViolation e) {
        return switch (e.kind()) {
            case NOT_THE_OWNER -> Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage());
            case DELETED -> Problems.of(HttpStatus.CONFLICT, "document-deleted", "Document deleted", e.getMessage());
            case ALREADY_PROCESSED -> Problems.of(HttpStatus.CONFLICT, "document-already-processed",
                    "Document already processed", e.getMessage());
            case DUPLICATE -> {
                ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "duplicate-document", "Duplicate document",
                        e.getMessage());
                problem.setProperty("documentId", e.document().toString());
                yield problem;
            }
        };
    }

    @ExceptionHandler(InvalidDocumentRequestException.class)
    ProblemDetail invalid(InvalidDocumentRequestException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                "'" + e.field() + "' " + e.getMessage());
        problem.setProperty("errors", List.of(new FieldError(e.field(), e.getMessage())));
        return problem;
    }

    private ProblemDetail tooLarge() {
        return Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "File too large",
                "A file may have at most " + properties.maxBytes().toBytes() + " bytes");
    }
}
