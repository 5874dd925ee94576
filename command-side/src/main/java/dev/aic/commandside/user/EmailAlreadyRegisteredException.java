package dev.aic.commandside.user;

import dev.aic.web.problem.DescribedProblem;
import org.springframework.http.HttpStatus;

/** Someone registered with this e-mail address already. */
public class EmailAlreadyRegisteredException extends RuntimeException implements DescribedProblem {

    public EmailAlreadyRegisteredException(String email) {
        super("The e-mail address " + email + " is already registered");
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.CONFLICT;
    }

    @Override
    public String type() {
        return "email-already-registered";
    }

    @Override
    public String title() {
        return "E-mail already registered";
    }
}
