package dev.aic.commandside.user;

import dev.aic.web.problem.ProblemType;
import dev.aic.web.problem.TypedProblem;
import org.springframework.http.HttpStatus;

/** The member was erased: their user takes no further commands, erasure included. */
public class MemberErasedException extends RuntimeException implements TypedProblem {

    private static final ProblemType PROBLEM =
            new ProblemType(HttpStatus.CONFLICT, "member-erased", "Member erased");

    public MemberErasedException(String userId) {
        super("User " + userId + " was erased and can no longer be changed");
    }

    @Override
    public ProblemType problemType() {
        return PROBLEM;
    }
}
