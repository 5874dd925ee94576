package dev.aic.commandside.web;

import dev.aic.web.problem.Problems;
import jakarta.servlet.MultipartConfigElement;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * The problems of the command-side's frameworks (Axon, the database, the servlet container). The
 * features describe their own failures ({@code DescribedProblem}), and platform-web's {@code
 * ApiProblemHandler} answers with them.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemHandler {

    private final ObjectProvider<MultipartConfigElement> multipart;

    ProblemHandler(ObjectProvider<MultipartConfigElement> multipart) {
        this.multipart = multipart;
    }

    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ProblemDetail staleVersion(ConflictingAggregateVersionException e) {
        ProblemDetail problem =
                Problems.of(
                        HttpStatus.PRECONDITION_FAILED,
                        "stale-version",
                        "Stale version",
                        "It changed since you read it: read it again and retry with its new ETag");
        problem.setProperty("currentVersion", e.getActualVersion());
        return problem;
    }

    /** Two commands on the same aggregate at the same moment: the loser may simply retry. */
    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail concurrentChange(ConcurrencyException e) {
        return Problems.of(
                HttpStatus.CONFLICT,
                "concurrent-modification",
                "Concurrent modification",
                "Someone changed it at the same moment; retry");
    }

    /** Lost a race on a unique claim (the same identity registering twice at once). */
    @ExceptionHandler(DuplicateKeyException.class)
    ProblemDetail duplicate(DuplicateKeyException e) {
        return Problems.of(
                HttpStatus.CONFLICT,
                "concurrent-modification",
                "Concurrent modification",
                "Someone changed it at the same moment; retry");
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail notFound(AggregateNotFoundException e) {
        return Problems.of(
                HttpStatus.NOT_FOUND,
                "not-found",
                "Not found",
                "Nothing with id " + e.getAggregateIdentifier());
    }

    /**
     * The servlet container's own multipart limits (file and request size), configured for uploads.
     */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ProblemDetail uploadTooLarge(MaxUploadSizeExceededException e) {
        MultipartConfigElement limits = multipart.getIfAvailable();
        long maxBytes = limits != null ? limits.getMaxFileSize() : e.getMaxUploadSize();
        return Problems.of(
                HttpStatus.PAYLOAD_TOO_LARGE,
                "payload-too-large",
                "File too large",
                Problems.fileTooLarge(maxBytes));
    }
}
