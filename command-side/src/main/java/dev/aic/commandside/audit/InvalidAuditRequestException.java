package dev.aic.commandside.audit;

import dev.aic.web.problem.InvalidFieldProblem;

/**
 * Query parameters that are invalid together (both or neither of {@code at} and {@code sequence};
 * from after to).
 */
class InvalidAuditRequestException extends RuntimeException implements InvalidFieldProblem {

    private final String field;

    InvalidAuditRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    @Override
    public String field() {
        return field;
    }
}
