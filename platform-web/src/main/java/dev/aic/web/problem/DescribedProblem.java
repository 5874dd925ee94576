package dev.aic.web.problem;

import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A failure that says which RFC 9457 problem it is. Feature exceptions implement it and {@link
 * ApiProblemHandler} answers with it, so no error mapper needs to know the features and each
 * feature keeps its own words.
 */
public interface DescribedProblem {

    HttpStatus status();

    /**
     * The type's last part as listed in {@code docs/api.md}: {@code not-found} is {@code
     * urn:aic:problem:not-found}.
     */
    String type();

    String title();

    /** Implemented by every exception: the default detail. */
    String getMessage();

    default String detail() {
        return getMessage();
    }

    /** Extension members of the problem, beside type, title, status and detail. */
    default Map<String, Object> properties() {
        return Map.of();
    }

    /** Headers the answer carries, e.g. {@code Retry-After} or {@code Location}. */
    default HttpHeaders headers() {
        return HttpHeaders.EMPTY;
    }

    default ProblemDetail toProblem() {
        ProblemDetail problem = Problems.of(status(), type(), title(), detail());
        properties().forEach(problem::setProperty);
        return problem;
    }
}
