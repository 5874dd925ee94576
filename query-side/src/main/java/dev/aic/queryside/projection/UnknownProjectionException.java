package dev.aic.queryside.projection;

/** A processor name that is no projection of this service: a 404 wherever projections are named. */
public final class UnknownProjectionException extends RuntimeException {

    public UnknownProjectionException(String processor) {
        super("No projection is processed by '" + processor + "'");
    }
}
