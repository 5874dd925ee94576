package dev.aic.commandside.audit;

/** Query parameters that are invalid together (both or neither of {@code at} and {@code sequence}; from after to). */
class InvalidAuditRequestException extends RuntimeException {

    private final String field;

    InvalidAuditRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
