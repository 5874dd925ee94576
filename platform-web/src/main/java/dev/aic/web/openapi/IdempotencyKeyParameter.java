package dev.aic.web.openapi;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Documents an {@code Idempotency-Key} header parameter the same way everywhere. */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Parameter(
        description =
                "Makes a retry return the first response instead of creating again (docs/api.md)",
        schema =
                @Schema(
                        type = "string",
                        minLength = 1,
                        maxLength = 255,
                        pattern = "^[\\x21-\\x7E]{1,255}$",
                        example = "5f0c6a8e-3f1b-4d2a-9b7e-2c4d6e8f0a1b"))
public @interface IdempotencyKeyParameter {}
