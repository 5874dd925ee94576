package dev.aic.web.problem;

import java.io.IOException;

/** Thrown while reading a body that grows past the limit; the problem handler answers 413. */
public class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException(long limit) {
        super("The request body exceeds " + limit + " bytes");
    }
}
