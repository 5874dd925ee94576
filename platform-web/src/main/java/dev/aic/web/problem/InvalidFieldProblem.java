package dev.aic.web.problem;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * One field of a request that is invalid, found by the feature rather than by bean validation (e.g.
 * invalid in combination with others); answered exactly like a bean-validation failure of that
 * field.
 */
public interface InvalidFieldProblem extends TypedProblem {

    ProblemType VALIDATION =
            new ProblemType(HttpStatus.BAD_REQUEST, "validation", "Invalid request");

    /** The offending field, parameter or header. */
    String field();

    @Override
    default ProblemType problemType() {
        return VALIDATION;
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
