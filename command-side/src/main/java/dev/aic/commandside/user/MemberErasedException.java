package dev.aic.commandside.user;

import dev.aic.web.problem.DescribedProblem;
import org.springframework.http.HttpStatus;

/** The member was erased: their user takes no further commands, erasure included. */
public class MemberErasedException extends RuntimeException implements DescribedProblem {

    public MemberErasedException(String userId) {
        super("User " + userId + " was erased and can no longer be changed");
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.CONFLICT;
    }

    @Override
    public String type() {
        return "member-erased";
    }

    @Override
    public String title() {
        return "Member erased";
    }
}
