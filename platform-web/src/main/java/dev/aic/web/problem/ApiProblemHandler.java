package dev.aic.web.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every failure becomes an RFC 9457 problem with a stable type and, for bad input, the offending
 * fields. Nothing internal leaks: no stack trace, no class name, no SQL. Features describe their
 * own failures by implementing {@link DescribedProblem}; a service maps the exceptions of its
 * frameworks (Axon, for one) in an advice of higher precedence.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        List<FieldError> errors =
                e.getBindingResult().getFieldErrors().stream()
                        .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
                        .toList();
        return invalid(errors, headers, request, e);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        List<FieldError> errors =
                e.getParameterValidationResults().stream()
                        .flatMap(
                                result ->
                                        result.getResolvableErrors().stream()
                                                .map(
                                                        error ->
                                                                new FieldError(
                                                                        name(result),
                                                                        error.getDefaultMessage())))
                        .toList();
        return invalid(errors, headers, request, e);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof PayloadTooLargeException tooLarge) {
            ProblemDetail problem =
                    Problems.of(
                            HttpStatus.PAYLOAD_TOO_LARGE,
                            "payload-too-large",
                            "Request body too large",
                            tooLarge.getMessage());
            return handleExceptionInternal(
                    e, problem, headers, HttpStatus.PAYLOAD_TOO_LARGE, request);
        }
        ProblemDetail problem;
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            problem =
                    Problems.of(
                            HttpStatus.BAD_REQUEST,
                            "field-not-allowed",
                            "Field not allowed",
                            "'" + field + "' cannot be set in this request");
            problem.setProperty("errors", List.of(new FieldError(field, "not allowed")));
        } else if (cause instanceof InvalidFormatException invalid
                && invalid.getTargetType().isEnum()) {
            String allowed =
                    Arrays.stream(invalid.getTargetType().getEnumConstants())
                            .map(String::valueOf)
                            .collect(Collectors.joining(", "));
            problem = invalidField(path(invalid), "must be one of " + allowed);
        } else if (cause instanceof InvalidFormatException invalid
                && !invalid.getPath().isEmpty()) {
            problem = invalidField(path(invalid), "has an invalid value");
        } else if (cause instanceof MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            problem = invalidField(path(mismatch), "has the wrong type");
        } else if (cause instanceof JsonProcessingException) {
            problem =
                    Problems.of(
                            HttpStatus.BAD_REQUEST,
                            "malformed-request",
                            "Malformed request body",
                            "The body is not well-formed JSON");
        } else {
            problem =
                    Problems.of(
                            HttpStatus.BAD_REQUEST,
                            "malformed-request",
                            "Malformed request body",
                            "The request body is missing or unreadable");
        }
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            org.springframework.beans.TypeMismatchException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        String name =
                e instanceof MethodArgumentTypeMismatchException mismatch
                        ? mismatch.getName()
                        : e.getPropertyName();
        ProblemDetail problem = invalidField(name, "has the wrong format");
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** Stable types for the standard Spring MVC failures, derived from their status. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e,
            @Nullable Object body,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        if (body == null && e instanceof ErrorResponse response) {
            body = response.updateAndGetBody(getMessageSource(), java.util.Locale.ROOT);
        }
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null
                        || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(java.net.URI.create(Problems.TYPE_PREFIX + Problems.typeOf(status)));
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e) {
        return Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "You may not do this");
    }

    /**
     * A described problem, also when a framework wrapped it (Spring matches causes too); otherwise
     * a 500.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        for (Throwable failure = e; failure != null; failure = failure.getCause()) {
            if (failure instanceof DescribedProblem described) {
                return described(described);
            }
        }
        log.error("Unexpected failure", e);
        return ResponseEntity.internalServerError()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(
                        Problems.of(
                                HttpStatus.INTERNAL_SERVER_ERROR,
                                "internal-error",
                                "Internal error",
                                "Something went wrong on our side; it has been logged"));
    }

    private static ResponseEntity<ProblemDetail> described(DescribedProblem described) {
        if (described.status().is5xxServerError()) {
            log.warn("{}: {}", described.title(), described.getMessage());
        }
        return ResponseEntity.status(described.status())
                .headers(described.headers())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(described.toProblem());
    }

    private ResponseEntity<Object> invalid(
            List<FieldError> errors, HttpHeaders headers, WebRequest request, Exception e) {
        ProblemDetail problem =
                Problems.of(
                        HttpStatus.BAD_REQUEST,
                        "validation",
                        "Invalid request",
                        "Some fields are invalid");
        problem.setProperty("errors", errors);
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static ProblemDetail invalidField(String field, String message) {
        ProblemDetail problem =
                Problems.of(
                        HttpStatus.BAD_REQUEST,
                        "validation",
                        "Invalid request",
                        "'" + field + "' " + message);
        problem.setProperty("errors", List.of(new FieldError(field, message)));
        return problem;
    }

    private static String name(ParameterValidationResult result) {
        String name = result.getMethodParameter().getParameterName();
        return name == null ? "parameter" : name;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(
                        reference ->
                                reference.getFieldName() != null
                                        ? reference.getFieldName()
                                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }
}
