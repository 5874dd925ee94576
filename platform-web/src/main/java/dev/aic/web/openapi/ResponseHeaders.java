package dev.aic.web.openapi;

import dev.aic.web.http.ApiHeaders;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The convention headers an endpoint's successful responses carry, documented on them so generated
 * clients know them. Without a value: those of every command, {@code ETag}, {@code
 * Consistency-Token} and {@code Location}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ResponseHeaders {

    String[] value() default {"ETag", ApiHeaders.CONSISTENCY_TOKEN, "Location"};
}
