package dev.aic.web.openapi;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Documents an {@code If-Match} header parameter the same way everywhere. */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Parameter(
        description = "The ETag of the version this change is based on; a stale one is a 412",
        schema =
                @Schema(type = "string", pattern = "^(\\*|(W/)?\"\\d{1,18}\")$", example = "\"3\""))
public @interface IfMatchParameter {}
