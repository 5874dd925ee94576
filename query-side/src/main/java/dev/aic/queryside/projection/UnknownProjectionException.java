package dev.aic.queryside.projection;

final class UnknownProjectionException extends RuntimeException {

    UnknownProjectionException(String processor) {
        super("No projection is processed by '" + processor + "'");
    }
}
