package dev.aic.queryside.projection;

import dev.aic.web.problem.NotFoundProblem;

/** A processor name that is no projection of this service: a 404 wherever projections are named. */
public final class UnknownProjectionException extends RuntimeException implements NotFoundProblem {

    public UnknownProjectionException(String processor) {
        super("No projection is processed by '" + processor + "'");
    }
}
