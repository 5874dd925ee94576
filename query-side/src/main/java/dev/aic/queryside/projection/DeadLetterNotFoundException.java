package dev.aic.queryside.projection;

import dev.aic.web.problem.NotFoundProblem;

final class DeadLetterNotFoundException extends RuntimeException implements NotFoundProblem {

    DeadLetterNotFoundException(String what) {
        super(what);
    }
}
