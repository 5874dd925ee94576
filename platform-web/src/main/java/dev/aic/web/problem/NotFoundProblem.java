package dev.aic.web.problem;

import org.springframework.http.HttpStatus;

/** Nothing with that id that the caller may see; one type for all, so that what exists does not leak. */
public interface NotFoundProblem extends DescribedProblem {

    @Override
    default HttpStatus status() {
        return HttpStatus.NOT_FOUND;
    }

    @Override
    default String type() {
        return "not-found";
    }

    @Override
    default String title() {
        return "Not found";
    }
}
