package dev.aic.web.problem;

/** One offending field of a request body, path or query: where, and what is wrong with it. */
public record FieldError(String field, String message) {}
