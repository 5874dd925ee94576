package dev.aic.commandside.document;

/** A field of a document request that is invalid in combination with the others. */
class InvalidDocumentRequestException extends RuntimeException {

    private final String field;

    InvalidDocumentRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
