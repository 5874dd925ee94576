package dev.aic.commandside.user;

import dev.aic.web.problem.ProblemType;
import dev.aic.web.problem.TypedProblem;
import org.springframework.http.HttpStatus;

/** The caller signed in but never registered: the platform holds nothing about them. */
public class NotRegisteredException extends RuntimeException implements TypedProblem {

    private static final ProblemType PROBLEM =
            new ProblemType(HttpStatus.NOT_FOUND, "not-registered", "Not registered");

    public NotRegisteredException() {
        super("You are not registered: the platform holds nothing about you");
    }

    @Override
    public ProblemType problemType() {
        return PROBLEM;
    }
}
