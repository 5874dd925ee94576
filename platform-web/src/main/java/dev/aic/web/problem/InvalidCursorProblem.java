package dev.aic.web.problem;

import org.springframework.http.HttpStatus;

/** A {@code cursor} parameter this service did not hand out for the listing being asked for. */
public interface InvalidCursorProblem extends InvalidFieldProblem {

    ProblemType INVALID_CURSOR =
            new ProblemType(HttpStatus.BAD_REQUEST, "invalid-cursor", "Invalid cursor");

    @Override
    default String field() {
        return "cursor";
    }

    @Override
    default ProblemType problemType() {
        return INVALID_CURSOR;
    }

    @Override
    default String detail() {
        return getMessage();
    }
}
