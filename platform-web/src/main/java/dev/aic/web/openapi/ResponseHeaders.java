package dev.aic.web.openapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The convention headers an endpoint's successful responses carry ({@code ETag}, {@code Consistency-Token},
 * {@code Location}, {@code Idempotent-Replayed}), documented on them so generated clients know them.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ResponseHeaders {

    String[] value();
}
