package dev.aic.commandside.user;

import dev.aic.web.problem.ProblemType;
import dev.aic.web.problem.TypedProblem;
import org.springframework.http.HttpStatus;

/** Someone registered with this e-mail address already. */
public class EmailAlreadyRegisteredException extends RuntimeException implements TypedProblem {

    private static final ProblemType PROBLEM =
            new ProblemType(
                    HttpStatus.CONFLICT, "email-already-registered", "E-mail already registered");

    public EmailAlreadyRegisteredException(String email) {
        super("The e-mail address " + email + " is already registered");
    }

    @Override
    public ProblemType problemType() {
        return PROBLEM;
    }
}
