package dev.aic.queryside.user;

import dev.aic.web.problem.DescribedProblem;
import org.springframework.http.HttpStatus;

/** The caller's identity is not linked to a platform user (yet: registration is {@code POST /api/me}). */
public class NotRegisteredException extends RuntimeException implements DescribedProblem {

    public NotRegisteredException() {
        super("You have not registered yet: register with POST /api/me on the command API");
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.NOT_FOUND;
    }

    @Override
    public String type() {
        return "not-registered";
    }

    @Override
    public String title() {
        return "Not registered";
    }
}
