package dev.aic.commandside.audit;

/** No entity with that id, or none yet at the instant or sequence number asked for. */
class EntityNotFoundException extends RuntimeException {

    EntityNotFoundException(String message) {
        super(message);
    }
}
