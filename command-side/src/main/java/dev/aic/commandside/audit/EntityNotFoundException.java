package dev.aic.commandside.audit;

import dev.aic.web.problem.NotFoundProblem;

/** No entity with that id, or none yet at the instant or sequence number asked for. */
class EntityNotFoundException extends RuntimeException implements NotFoundProblem {

    EntityNotFoundException(String message) {
        super(message);
    }
}
