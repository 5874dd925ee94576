package dev.aic.commandside.user;

import dev.aic.web.problem.DescribedProblem;
import org.springframework.http.HttpStatus;

/** The caller signed in but never registered: the platform holds nothing about them. */
public class NotRegisteredException extends RuntimeException implements DescribedProblem {

    public NotRegisteredException() {
        super("You are not registered: the platform holds nothing about you");
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
