package dev.aic.queryside.projection;

final class DeadLetterNotFoundException extends RuntimeException {

    DeadLetterNotFoundException(String what) {
        super(what);
    }
}
