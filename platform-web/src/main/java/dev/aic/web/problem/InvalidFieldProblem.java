package dev.aic.web.problem;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * One field of a request that is invalid, found by the feature rather than by bean validation (e.g. invalid in
 * combination with others); answered exactly like a bean-validation failure of that field.
 */
public interface InvalidFieldProblem extends DescribedProblem {

    /** The offending field, parameter or header. */
    String field();

    @Override
    default HttpStatus status() {
        return HttpStatus.BAD_REQUEST;
    }

    @Override
    default String type() {
        return "validation";
    }

    @Override
    default String title() {
        return "Invalid request";
    }

    @Override
    default String detail() {
        return "'" + field() + "' " + getMessage();
    }

    @Override
    default Map<String, Object> properties() {
        return Map.of("errors", List.of(new FieldError(field(), getMessage())));
    }
}
