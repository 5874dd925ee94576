package dev.aic.queryside.rebuild;

class UnknownProjectionException extends RuntimeException {

    UnknownProjectionException(String name) {
        super("No projection named '" + name + "'");
    }
}
