package dev.aic.queryside.analytics;

import dev.aic.web.problem.InvalidFieldProblem;

/**
 * A parameter of an analytics request that names no interval or value we know, or asks for too
 * much.
 */
class InvalidAnalyticsRequestException extends RuntimeException implements InvalidFieldProblem {

    private final String field;

    InvalidAnalyticsRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    @Override
    public String field() {
        return field;
    }
}
