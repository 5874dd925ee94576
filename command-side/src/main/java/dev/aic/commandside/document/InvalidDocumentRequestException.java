package dev.aic.commandside.document;

import dev.aic.web.problem.InvalidFieldProblem;

/** A field of a document request that is invalid in combination with the others. */
class InvalidDocumentRequestException extends RuntimeException implements InvalidFieldProblem {

    private final String field;

    InvalidDocumentRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    @Override
    public String field() {
        return field;
    }
}
