package dev.aic.web.problem;

import org.springframework.http.HttpStatus;

/**
 * The fixed part of a problem: its status, its type (the last part, as listed in {@code
 * docs/api.md}) and its title. A feature names one per failure, often on the constants of an enum
 * of the ways a command is refused.
 */
public record ProblemType(HttpStatus status, String type, String title) {}
