package dev.aic.queryside.user;

import dev.aic.web.problem.ProblemType;
import dev.aic.web.problem.TypedProblem;
import org.springframework.http.HttpStatus;

/**
 * The caller's identity is not linked to a platform user (yet: registration is {@code POST
 * /api/me}).
 */
public class NotRegisteredException extends RuntimeException implements TypedProblem {

    private static final ProblemType PROBLEM =
            new ProblemType(HttpStatus.NOT_FOUND, "not-registered", "Not registered");

    public NotRegisteredException() {
        super("You have not registered yet: register with POST /api/me on the command API");
    }

    @Override
    public ProblemType problemType() {
        return PROBLEM;
    }
}
