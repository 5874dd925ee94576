package dev.aic.web.problem;

import org.springframework.http.HttpStatus;

/**
 * A described problem whose status, type and title are one {@link ProblemType}; the detail is the
 * message.
 */
public interface TypedProblem extends DescribedProblem {

    ProblemType problemType();

    @Override
    default HttpStatus status() {
        return problemType().status();
    }

    @Override
    default String type() {
        return problemType().type();
    }

    @Override
    default String title() {
        return problemType().title();
    }
}
