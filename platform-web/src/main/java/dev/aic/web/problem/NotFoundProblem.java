package dev.aic.web.problem;

import org.springframework.http.HttpStatus;

/**
 * Nothing with that id that the caller may see; one type for all, so that what exists does not
 * leak.
 */
public interface NotFoundProblem extends TypedProblem {

    ProblemType NOT_FOUND = new ProblemType(HttpStatus.NOT_FOUND, "not-found", "Not found");

    @Override
    default ProblemType problemType() {
        return NOT_FOUND;
    }
}
