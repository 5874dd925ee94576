package dev.aic.web.problem;

/** A {@code cursor} parameter this service did not hand out for the listing being asked for. */
public interface InvalidCursorProblem extends InvalidFieldProblem {

    @Override
    default String field() {
        return "cursor";
    }

    @Override
    default String type() {
        return "invalid-cursor";
    }

    @Override
    default String title() {
        return "Invalid cursor";
    }

    @Override
    default String detail() {
        return getMessage();
    }
}
